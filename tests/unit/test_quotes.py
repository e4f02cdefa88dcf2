"""Quotes: marks, candidates, speakers, questions, days, matches and mentions."""

import datetime as dt

import pytest

from ingest.articles import Line
from ingest.directory import NameDirectory
from ingest.quotes import QuoteRecord, extract_quotes, find_spans, span_text

DIRECTORY = NameDirectory.from_rows(
    people=[
        {"name": "Egor Sorokin", "aliases": "Sorokin|Yegor Sorokin", "team": "Kairat", "role": "player",
         "position": "defender"},
        {"name": "Rafael Urazbakhtin", "aliases": "Urazbakhtin", "team": "Kairat", "role": "head coach"},
        {"name": "Hakan Çalhanoğlu", "aliases": "Calhanoglu|Çalhanoğlu|Çalha", "team": "Inter", "role": "player"},
        {"name": "Lautaro Martínez", "aliases": "Lautaro|Lautaro Martinez", "team": "Inter", "role": "player"},
        {"name": "Cristian Chivu", "aliases": "Chivu", "team": "Inter", "role": "head coach"},
        {"name": "Marco Ferri", "aliases": "Ferri", "team": "Inter", "role": "player"},
        {"name": "Luca Ferri", "aliases": "Ferri", "team": "Kairat", "role": "player"},
    ],
    teams=[{"name": "Kairat", "aliases": "Kairat Almaty|FC Kairat"},
           {"name": "Inter", "aliases": "Internazionale|nerazzurri"},
           {"name": "Real Madrid", "aliases": "Real|Los Blancos"}],
    fixtures=[{"key": "MD4", "date": "2025-11-05", "home": "Inter", "away": "Kairat"},
              {"key": "MD5", "date": "2025-11-26", "home": "Copenhagen", "away": "Kairat"}],
)
DAY = dt.date(2025, 11, 4)


def quotes(*paragraphs: str, title: str = "Titolo", day: dt.date | None = DAY) -> list[QuoteRecord]:
    body = [Line(2 * i + 1, p) for i, p in enumerate(paragraphs)]
    return extract_quotes(body, title=title, said_on=day, directory=DIRECTORY)


def texts(found: list[QuoteRecord]) -> list[str]:
    return [q.text for q in found]


# --- marks -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("paragraph", "expected"), [
    ("Ha detto: «Siamo pronti per domani sera».", "Siamo pronti per domani sera"),
    ("Ha detto: “Siamo pronti per domani sera”.", "Siamo pronti per domani sera"),
    ('He said: "We are ready for tomorrow night."', "We are ready for tomorrow night."),
    ("'We can't wait for tomorrow,' he said.", "We can't wait for tomorrow"),
])
def test_each_kind_of_mark_is_paired(paragraph: str, expected: str) -> None:
    assert [span_text(s, [paragraph]) for s in find_spans([paragraph])] == [expected]


def test_apostrophes_are_not_quotation_marks() -> None:
    paragraph = "L'Inter e l’Almaty, the players' effort and it's fine: dell'anno."
    assert find_spans([paragraph]) == []


def test_a_stray_straight_mark_inside_a_quote_is_dropped_not_a_new_quote() -> None:
    paragraph = 'Sorokin ha poi concluso: "Siamo bravi a ripartire. "Noi vogliamo portare a casa dei punti".'
    spans = find_spans([paragraph])
    assert [span_text(s, [paragraph]) for s in spans] == [
        "Siamo bravi a ripartire. Noi vogliamo portare a casa dei punti"]


def test_a_quote_left_open_ends_with_its_paragraph_and_the_next_is_untouched() -> None:
    paragraphs = ["Ha detto: «Siamo pronti per la partita di domani.", "Il resto dell'articolo, senza citazioni."]
    spans = find_spans(paragraphs)
    assert len(spans) == 1 and not spans[0].closed and spans[0].last == 0


def test_a_quote_reopened_in_the_next_paragraph_runs_on() -> None:
    paragraphs = ["«Prima parte del discorso, lunga.", "«Seconda parte del discorso». Così il tecnico."]
    spans = find_spans(paragraphs)
    assert len(spans) == 1 and spans[0].last == 1
    assert span_text(spans[0], paragraphs) == "Prima parte del discorso, lunga.\nSeconda parte del discorso"


def test_a_straight_mark_that_never_closes_does_not_swallow_the_quote_after_it() -> None:
    paragraph = ('Aveva parlato di una squadra "spenta dopo il ko. “Non ho visto una squadra spenta, '
                 'ho visto ragazzi forti”, ha detto Urazbakhtin.')
    found = quotes(paragraph)
    assert texts(found) == ["Non ho visto una squadra spenta, ho visto ragazzi forti"]
    assert found[0].person == "Rafael Urazbakhtin"


# --- what is a quote -------------------------------------------------------------------------

def test_fragments_in_the_narrators_sentence_scare_quotes_and_titles_are_not_quotes() -> None:
    found = quotes(
        "Il difensore, che Urazbakhtin ha definito «il nostro muro più solido» più volte, è tornato.",
        "Lo slogan della società, \"Il muro è tornato\", è ovunque e la difesa è «la diga».",
        "He called it \"the hardest game of the month\" and added nothing.",
        "Sorokin ha commentato così: «Sono stati due mesi lunghi, ma ora sto bene».",
    )
    assert texts(found) == ["Sono stati due mesi lunghi, ma ora sto bene"]


def test_a_reporting_aside_splits_a_quote_in_two() -> None:
    found = quotes("«Ogni gol che faccio – dice Sorokin – lo dedico alla mia famiglia e ai tifosi».")
    assert texts(found) == ["Ogni gol che faccio", "lo dedico alla mia famiglia e ai tifosi"]
    assert {q.person for q in found} == {"Egor Sorokin"}


# --- speakers --------------------------------------------------------------------------------

@pytest.mark.parametrize("paragraph", [
    "Sorokin ha parlato così della partita: «Daremo il massimo contro una squadra forte».",
    "«Daremo il massimo contro una squadra forte», ha detto Sorokin.",
    "Queste le parole di Egor Sorokin: «Daremo il massimo contro una squadra forte».",
    "\"We will give everything against a strong side,\" said Sorokin.",
    "Yegor Sorokin told Sky Sports: \"We will give everything against a strong side.\"",
])
def test_the_speaker_named_in_the_reporting_clause(paragraph: str) -> None:
    found = quotes(paragraph)
    assert len(found) == 1 and found[0].person == "Egor Sorokin" and found[0].speaker_resolved


def test_a_dropped_subject_carries_the_previous_speaker() -> None:
    found = quotes("Urazbakhtin ha parlato così: «La squadra sta bene e vuole giocare».",
                   "Nel frattempo Sorokin si allena a parte con il preparatore atletico.",
                   "Ha poi concluso: «Domani serve la partita perfetta da parte di tutti».")
    assert [q.person for q in found] == ["Rafael Urazbakhtin", "Rafael Urazbakhtin"]


def test_a_pronoun_is_the_subject_of_the_sentence_before() -> None:
    found = quotes("«La squadra sta bene e vuole giocare», ha detto Urazbakhtin.",
                   "Captain Egor Sorokin echoed his manager's words. \"We know it is on us now,\" he said.")
    assert [q.person for q in found] == ["Rafael Urazbakhtin", "Egor Sorokin"]


def test_a_role_is_resolved_to_the_one_person_with_that_role_at_the_named_club() -> None:
    found = quotes("«Abbiamo sofferto ma la squadra non molla mai», ha spiegato il tecnico dei nerazzurri.")
    assert found[0].person == "Cristian Chivu" and found[0].rule == "role"


def test_an_unknown_speaker_is_kept_as_written_in_full_and_flagged() -> None:
    found = quotes("Il suo agente, Franco Deledda, è intervenuto alla radio in mattinata.",
                   "Deledda ha parlato così: «A gennaio ascolteremo tutte le offerte per il ragazzo».")
    assert found[0].speaker == "Franco Deledda"
    assert found[0].person is None and not found[0].speaker_resolved


def test_an_ambiguous_name_is_never_guessed() -> None:
    found = quotes("\"Last year we were afraid of the big teams, now they fear us,\" Ferri said.")
    assert found[0].speaker == "Ferri" and found[0].person is None


def test_nobody_is_named_nobody_is_guessed() -> None:
    found = quotes("Nel quartiere si respira un'aria di attesa, tra bandiere e sciarpe appese ovunque.",
                   "C'è chi dice: «Domani sarà una festa per tutta la città»; e chi tace.")
    assert found[0].speaker is None and found[0].person is None


# --- Q&A -------------------------------------------------------------------------------------

def test_answers_take_their_question_and_the_interviewee_of_the_headline() -> None:
    found = quotes(
        "Alla vigilia del match, Sorokin si è raccontato così in esclusiva.",
        "Come arriva la squadra alla sfida contro l’Inter?",
        "«Abbiamo lavorato bene, siamo pronti».",
        "Che giocatori teme?",
        "«Çalhanoğlu, Barella e Lautaro creano sempre problemi».",
        title="Sorokin, difensore del Kairat: «Un sogno affrontare l'Inter»",
    )
    assert [q.question for q in found] == ["Come arriva la squadra alla sfida contro l’Inter?", "Che giocatori teme?"]
    assert {q.person for q in found} == {"Egor Sorokin"}


def test_prefixed_interviews_without_quotation_marks() -> None:
    found = quotes("D: Mister, come sta la squadra?", "R: Bene, ci siamo allenati con intensità.",
                   "D: E Sorokin?", "R: Sta bene, giocherà dall'inizio.",
                   title="Kairat, parla Urazbakhtin")
    assert texts(found) == ["Bene, ci siamo allenati con intensità.", "Sta bene, giocherà dall'inizio."]
    assert [q.question for q in found] == ["Mister, come sta la squadra?", "E Sorokin?"]
    assert {q.person for q in found} == {"Rafael Urazbakhtin"}


# --- days, matches, mentions -----------------------------------------------------------------

def test_the_day_moves_with_yesterday_and_a_weekday_in_the_reporting_clause() -> None:
    found = quotes("Ieri in conferenza stampa Urazbakhtin ha detto: «La squadra sta bene e vuole giocare».",
                   "Sorokin, speaking on Friday, said: \"We know exactly what we have to do there.\"")
    assert [q.said_on for q in found] == [dt.date(2025, 11, 3), dt.date(2025, 10, 31)]


def test_tomorrow_is_the_next_fixture_of_the_speakers_club() -> None:
    found = quotes("Domani il Kairat sfida l'Inter a San Siro.",
                   "Sorokin ha detto: «Sarà un giorno speciale per tutti noi».")
    assert found[0].match is not None and found[0].match.key == "MD4"


def test_no_day_no_match_and_no_said_on() -> None:
    found = quotes("Domani il Kairat sfida l'Inter. Sorokin ha detto: «Sarà un giorno speciale».", day=None)
    assert found[0].said_on is None and found[0].match is None


def test_mentions_meet_through_aliases_and_diacritics() -> None:
    found = quotes("Sorokin ha detto: «Calhanoglu e Lautaro sono fortissimi, i nerazzurri sono la mia "
                   "squadra del cuore. Ferri? Un real problema».")
    mentions = {(m.person or m.team) for m in found[0].mentions}
    assert mentions == {"Hakan Çalhanoğlu", "Lautaro Martínez", "Inter"}  # not 'real', not ambiguous Ferri


# --- rules from the held-out pages of 2026-12-01 ---------------------------------------------

@pytest.mark.parametrize("paragraph", [
    "«Siamo pronti» ha detto Urazbakhtin «ma serve umiltà contro l'Inter».",
    "\"We were poor,\" Urazbakhtin said after the game, \"and I take the blame for that.\"",
    "“We were poor,” said Urazbakhtin, “and I take the blame for that.”",
    "Urazbakhtin ha parlato ieri. «È stata dura» ha raccontato l’allenatore «ma lo rifarei».",
])
def test_a_sentence_split_by_its_reporting_clause_gives_both_halves(paragraph: str) -> None:
    found = quotes(paragraph)
    assert len(found) == 2 and len(texts(found)[0].split()) in (2, 3)
    assert {q.person for q in found} == {"Rafael Urazbakhtin"}


def test_a_short_quote_needs_to_open_its_sentence_and_be_reported() -> None:
    assert texts(quotes("La difesa è «la diga», ha detto Sorokin, e nessuno passa.")) == []
    assert texts(quotes("\"Very poor,\" Sorokin said.")) == ["Very poor"]
    assert texts(quotes("\"Poor,\" Sorokin said.")) == []  # one word is not enough


def test_a_clause_ending_in_a_colon_introduces_the_next_quote_not_the_one_before() -> None:
    found = quotes("\"It is a dream for all of us,\" Urazbakhtin said. Sorokin was less diplomatic: "
                   "\"We will beat them, no doubt.\" Urazbakhtin laughed it off: \"Egor says what he thinks.\"")
    assert [q.person for q in found] == ["Rafael Urazbakhtin", "Egor Sorokin", "Rafael Urazbakhtin"]


def test_a_risposta_label_is_not_a_speaker() -> None:
    found = quotes("Domanda: Mister, come sta la squadra?", "Risposta: Bene, ci siamo allenati con intensità.",
                   "Domanda: E Sorokin?", "Risposta: Sta bene, giocherà dall'inizio.",
                   title="Kairat, parla Urazbakhtin")
    assert [q.speaker for q in found] == ["Urazbakhtin", "Urazbakhtin"]
    assert {q.person for q in found} == {"Rafael Urazbakhtin"}


@pytest.mark.parametrize(("paragraph", "day"), [
    ("Lunedì scorso Sorokin ha parlato ai tifosi: «Sappiamo cosa dobbiamo fare domani».", dt.date(2025, 11, 3)),
    ("Sorokin spoke after last Tuesday's draw: \"We know exactly what we have to do.\"", dt.date(2025, 10, 28)),
    ("Lo scorso sabato Sorokin ha detto: «Sappiamo cosa dobbiamo fare domani».", dt.date(2025, 11, 1)),
])
def test_last_weekday_is_the_one_before_the_article_never_its_own_day(paragraph: str, day: dt.date) -> None:
    assert quotes(paragraph)[0].said_on == day  # DAY is a Tuesday: 'last Tuesday' is a week before


def test_a_day_word_earlier_in_the_paragraph_dates_its_later_quotes() -> None:
    found = quotes("Ieri sera Sorokin ha parlato in un'intervista.",
                   "Urazbakhtin was asked about him at his press conference this morning. \"He is ready,\" "
                   "the coach said. \"Nobody is injured now, and that is important.\"")
    assert [q.said_on for q in found] == [DAY, DAY]


def test_of_two_day_words_the_one_next_to_the_speech_verb_counts() -> None:
    found = quotes("Sorokin, ex capitano e oggi opinionista, ieri ha commentato così: «Sappiamo cosa dobbiamo fare».")
    assert found[0].said_on == dt.date(2025, 11, 3)


def test_a_weekday_counts_only_when_it_dates_the_speech() -> None:
    found = quotes("Urazbakhtin warned his players about Sorokin's side, who arrive on Sunday in form. "
                   "\"They are a very good side,\" he said.",
                   "On Friday, the two were also asked about the draw. \"It is a dream for all of us,\" "
                   "Urazbakhtin said.",
                   "Sorokin said the side would be ready on Sunday. \"We know what we have to do,\" he added.")
    assert [q.said_on for q in found] == [DAY, dt.date(2025, 10, 31), DAY]
