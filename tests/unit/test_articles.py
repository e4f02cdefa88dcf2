"""Page -> metadata and main text: encodings, dates, furniture, title and byline."""

import datetime as dt
from pathlib import Path

import pytest

from ingest.articles import (
    classify,
    content_hash,
    decode_page,
    detect_language,
    line_kind,
    parse_page,
    read_page_file,
    split_lines,
)
from ingest.errors import InputError
from models.vocabulary import DatePrecision
from tests.conftest import require_shared

UTC = dt.UTC
PAGE = """Home | Serie A | Serie B | Mercato
Ultime notizie
Rossi: «Non mi dimetto, la squadra è con me»

Bianchi: «Il Lazurna vincerà il campionato»
di Mario Verdi
{date}

Il tecnico della Dinamo ha parlato a lungo ieri pomeriggio, durante la conferenza stampa della vigilia della partita.
«Siamo pronti, la squadra sta bene e ha voglia di fare una grande partita», ha detto Bianchi ai giornalisti presenti.

© Riproduzione riservata
Le più lette
1 Verdi: «Che serata»
"""


ENGLISH = """News | Sport | Football
Most read
Smith: "I am not resigning, the players are with me"

Jones: "Northgate will win the league this season"
By Tom Brown
{date}

The Northgate manager spoke at length yesterday afternoon at his pre-match press conference at the club.
"We are ready, the team is in good shape and wants to play a big game," Jones told the reporters.

© Northgate Evening Post
"""


def page(date: str = "4 novembre 2025 alle 18:30") -> str:
    return PAGE.format(date=date)


# --- bytes -----------------------------------------------------------------------------------

def test_utf8_with_a_byte_order_mark_reads_without_warning() -> None:
    text, warnings = decode_page("\ufeffÈ già «domani»".encode(), "a.txt")
    assert text == "È già «domani»" and warnings == []


def test_windows_1252_is_read_with_a_warning_and_its_letters_kept() -> None:
    text, warnings = decode_page("Così l’allenatore: «È già finita»".encode("cp1252"), "a.txt")
    assert text == "Così l’allenatore: «È già finita»"
    assert warnings and "Windows-1252" in warnings[0]


def test_latin_1_bytes_that_windows_1252_rejects_fall_back_to_latin_1() -> None:
    text, warnings = decode_page(b"citt\xe0 \x81", "a.txt")  # 0x81 is undefined in Windows-1252
    assert text.startswith("città") and "Latin-1" in warnings[0]


@pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
def test_an_empty_file_is_refused_with_a_sentence(data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        decode_page(data, "empty.txt")


def test_a_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "photo.txt")


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: 51 MB on paper, nothing on disk
        f.seek(51 * 1024 * 1024)
        f.write(b"x")

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InputError, match=r"51\.0 MB.*under 5 MB"):
        read_page_file(big)


def test_uploaded_bytes_over_the_limit_are_refused() -> None:
    with pytest.raises(InputError, match="under 5 MB"):
        decode_page(b"a" * (5 * 1024 * 1024 + 1), "big.txt")


def test_same_content_same_hash_whatever_the_encoding_and_line_ends() -> None:
    text = "Titolo\n\n«Siamo pronti», ha detto Bianchi.  \n"
    windows = decode_page(text.replace("\n", "\r\n").encode("cp1252"), "w.txt")[0]
    assert content_hash(windows) == content_hash(text)
    assert content_hash(text + "Altro.") != content_hash(text)


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "reference", "utc", "precision"), [
    ("Oggi alle 10:00", dt.date(2025, 11, 4), dt.datetime(2025, 11, 4, 9, 0, tzinfo=UTC), DatePrecision.MINUTE),
    ("Ieri 23:45", dt.date(2025, 11, 6), dt.datetime(2025, 11, 5, 22, 45, tzinfo=UTC), DatePrecision.MINUTE),
    ("28 agosto 2025", None, dt.datetime(2025, 8, 28, tzinfo=UTC), DatePrecision.DAY),
    ("·28 agosto 2025", None, dt.datetime(2025, 8, 28, tzinfo=UTC), DatePrecision.DAY),
    ("Pubblicato il 20 ottobre 2025 alle 11:40", None, dt.datetime(2025, 10, 20, 9, 40, tzinfo=UTC),
     DatePrecision.MINUTE),  # summer time in Rome
    ("05/11/2025 - 23:10", None, dt.datetime(2025, 11, 5, 22, 10, tzinfo=UTC), DatePrecision.MINUTE),
    ("martedì 4 novembre 2025", None, dt.datetime(2025, 11, 4, tzinfo=UTC), DatePrecision.DAY),
    ("2 giorni fa", dt.date(2025, 12, 1), dt.datetime(2025, 11, 29, tzinfo=UTC), DatePrecision.DAY),
    ("9 dicembre 2025, ore 15:40", None, dt.datetime(2025, 12, 9, 14, 40, tzinfo=UTC), DatePrecision.MINUTE),
    ("Lunedì 1 dicembre 2025 - ore 13:00", None, dt.datetime(2025, 12, 1, 12, 0, tzinfo=UTC), DatePrecision.MINUTE),
    ("Redazione · 3 dicembre 2025 alle ore 9:05", None, dt.datetime(2025, 12, 3, 8, 5, tzinfo=UTC),
     DatePrecision.MINUTE),
])
def test_italian_dates(written: str, reference: dt.date | None, utc: dt.datetime, precision: DatePrecision) -> None:
    parsed = parse_page(page(written), reference_date=reference)
    assert (parsed.date.utc, parsed.date.precision) == (utc, precision)
    assert parsed.date.raw and parsed.date.raw in written


@pytest.mark.parametrize(("written", "reference", "utc"), [
    ("Wed 26 Nov 2025 09.15 GMT", None, dt.datetime(2025, 11, 26, 9, 15, tzinfo=UTC)),
    ("Published: 6 Nov 2025, 12:30", None, dt.datetime(2025, 11, 6, 12, 30, tzinfo=UTC)),
    ("November 5, 2025 at 7:45 pm", None, dt.datetime(2025, 11, 5, 19, 45, tzinfo=UTC)),
    ("Yesterday at 18:30", dt.date(2025, 11, 26), dt.datetime(2025, 11, 25, 18, 30, tzinfo=UTC)),
    ("2025-11-05T21:00:00+01:00", None, dt.datetime(2025, 11, 5, 20, 0, tzinfo=UTC)),
    ("Published 16:05, 12 December 2025", None, dt.datetime(2025, 12, 12, 16, 5, tzinfo=UTC)),
])
def test_english_and_iso_dates(written: str, reference: dt.date | None, utc: dt.datetime) -> None:
    parsed = parse_page(ENGLISH.format(date=written), reference_date=reference)
    assert parsed.language == "en" and parsed.date.utc == utc


def test_a_leading_date_prefix_is_the_date_and_not_article_text() -> None:
    parsed = parse_page(" date 2025-11-05 Intervistato ai microfoni di Prime Video, il difensore ha parlato così "
                        "del match di stasera a San Siro.\n\nSecondo paragrafo con altre parole sulla partita.")
    assert parsed.date.utc == dt.datetime(2025, 11, 5, tzinfo=UTC)
    assert parsed.body[0].no == 1 and parsed.body[0].text.startswith("Intervistato")


def test_a_relative_date_without_reference_keeps_the_raw_string_and_warns() -> None:
    parsed = parse_page(page("Oggi alle 10:00"))
    assert parsed.date.raw == "Oggi alle 10:00"
    assert parsed.date.utc is None and parsed.date.precision is DatePrecision.NONE
    assert any("relative" in w for w in parsed.warnings)


def test_a_relative_date_is_resolved_against_a_date_the_page_gives() -> None:
    text = page("Oggi alle 10:00") + "Ultimo aggiornamento: 04/11/2025\n"
    parsed = parse_page(text)
    assert parsed.date.utc == dt.datetime(2025, 11, 4, 9, 0, tzinfo=UTC)


def test_no_date_at_all_is_a_warning_with_precision_none() -> None:
    parsed = parse_page(page("di Mario Verdi"))
    assert parsed.date.precision is DatePrecision.NONE and parsed.date.utc is None
    assert any("no publication date" in w for w in parsed.warnings)


def test_no_date_on_the_page_but_one_given_uses_it_by_the_day() -> None:
    parsed = parse_page(page("di Mario Verdi"), reference_date=dt.date(2025, 11, 4))
    assert parsed.date.utc == dt.datetime(2025, 11, 4, tzinfo=UTC) and parsed.date.precision is DatePrecision.DAY


# --- furniture and metadata ------------------------------------------------------------------

def test_furniture_lines_are_told_from_prose() -> None:
    assert line_kind("Menu Serie ASerie BSerie CCalcio EsteroFormazioni") == "bad"
    assert line_kind("Home | Serie A | Serie B | Mercato") == "bad"
    assert line_kind("© Riproduzione riservata") == "bad"
    assert line_kind("Leggi anche") == "bad"
    assert line_kind("Il tecnico ha parlato a lungo della partita di domani sera a Valmora.") == "good"
    assert line_kind("Cosa chiederà ai suoi domani?") == "near"
    assert line_kind("Bianchi: «Il Lazurna vincerà il campionato»") == "short"


def test_lines_under_a_list_header_are_furniture_until_a_blank_line() -> None:
    lines = split_lines("Ultime notizie\nRossi: «Una frase lunga che sembra un paragrafo vero e proprio.»\n\n"
                        "Un paragrafo vero, con abbastanza parole per essere un testo di articolo.")
    assert classify(lines) == ["bad", "bad", "blank", "good"]


def test_the_article_is_found_between_menus_and_sidebars() -> None:
    parsed = parse_page(page())
    assert [line.no for line in parsed.body] == [9, 10]
    assert "Rossi" not in parsed.main_text and "Verdi: «Che serata»" not in parsed.main_text
    assert parsed.title == "Bianchi: «Il Lazurna vincerà il campionato»"
    assert parsed.author == "Mario Verdi"
    assert parsed.language == "it"


def test_a_desk_is_not_an_author() -> None:
    assert parse_page(page().replace("di Mario Verdi", "di Redazione Sport")).author is None


def test_a_run_in_heading_is_the_title_of_a_page_without_headline() -> None:
    parsed = parse_page("Inter-Kairat Almaty, le parole di Sorokin — Intervistato ai microfoni di Prime Video, "
                        "il difensore ha parlato così della partita di stasera.")
    assert parsed.title == "Inter-Kairat Almaty, le parole di Sorokin"


def test_language_by_stop_words() -> None:
    assert detect_language("Il tecnico ha detto che la squadra non è pronta per la partita") == "it"
    assert detect_language("The manager said that the team was not ready for the game") == "en"


def test_outlet_from_the_url_when_not_given() -> None:
    parsed = parse_page(page(), url="https://www.tuttomercatoweb.com/serie-a/articolo-123")
    assert parsed.outlet == "TuttoMercatoWeb" and parsed.url == "https://www.tuttomercatoweb.com/serie-a/articolo-123"
    assert parse_page(page(), outlet="Gazzetta di Lazurna", url="https://x.example/a").outlet == "Gazzetta di Lazurna"


def test_the_headline_is_in_the_block_of_its_byline_not_a_ticker_above() -> None:
    parsed = parse_page("NEWS\nLIVE: Football news as it happens\n13:58 Smith: \"We will be ready next week\"\n"
                        "Follow the live blog for every update\n\nJones: Northgate must keep their heads now\n"
                        "Jones spoke to the media ahead of tomorrow's game\nBy Tom Brown\n1 December 2025, 14:10\n\n"
                        "The Northgate manager spoke at length at his pre-match press conference at the club.\n")
    assert parsed.title == "Jones: Northgate must keep their heads now" and parsed.author == "Tom Brown"


def test_readers_comments_end_the_article() -> None:
    comments = ("COMMENTI (2)\nMario_74 · 3 ore fa\n"
                "«Bianchi ha ragione, la squadra è pronta e domani vinceremo di sicuro.»\nRispondi · Mi piace 4")
    parsed = parse_page(page().replace("© Riproduzione riservata", comments))
    assert [line.no for line in parsed.body] == [9, 10]


def test_a_newsletter_box_is_furniture_to_the_next_blank_line() -> None:
    lines = split_lines("ISCRIVITI ALLA NEWSLETTER\nOgni mattina le notizie della Dinamo nella tua casella. "
                        "Inserisci la tua email\n\nUn paragrafo vero, con abbastanza parole per essere un testo.")
    assert classify(lines) == ["bad", "bad", "blank", "good"]
    glued = split_lines("Sign up to our newsletter\nUn paragrafo vero, con abbastanza parole per essere un testo.")
    assert classify(glued) == ["bad", "good"]  # a page without blank lines keeps its prose


def test_a_read_more_box_inside_the_article_does_not_cut_it() -> None:
    text = ENGLISH.format(date="14 December 2025").replace(
        "\n\u00a9 Northgate Evening Post\n",
        "\nRead more\nJones: \"We have the best defence in the league\"\n\n"
        "Former captain Danny Okafor is not convinced by the team and said so on the radio on Friday.\n"
        "\u00a9 Northgate Evening Post\n")
    parsed = parse_page(text)
    assert [line.no for line in parsed.body] == [9, 10, 15]
    assert parse_page(ENGLISH.format(date="14 December 2025")).body[-1].no == 10  # at the end it ends it
    assert [line.no for line in parse_page(text.replace("Read more", "Most read")).body] == [9, 10]


# --- the seeds -------------------------------------------------------------------------------

def test_seed_000_keeps_the_interview_and_drops_every_sidebar_headline() -> None:
    seed = require_shared("seeds", "000_f691354fcaac82ad.txt")
    parsed = parse_page(read_page_file(seed)[0], reference_date=dt.date(2025, 11, 4))
    assert [line.no for line in parsed.body] == [16, 18, 19, 21, 22, 24, 25, 27, 28, 30, 31, 33, 34]
    assert "Sarri" not in parsed.main_text and "Pioli" not in parsed.main_text
    assert parsed.author == "Giacomo Iacobellis"
    assert parsed.date.utc == dt.datetime(2025, 11, 4, 9, 0, tzinfo=UTC)


def test_seed_002_is_dated_by_the_day_and_has_its_headline() -> None:
    seed = require_shared("seeds", "002_58a2cb25fb402d89.txt")
    parsed = parse_page(read_page_file(seed)[0])
    assert parsed.date.utc == dt.datetime(2025, 8, 28, tzinfo=UTC) and parsed.date.precision is DatePrecision.DAY
    assert parsed.title.startswith("Kairat Almaty avversaria di Inter e Real Madrid")
    assert parsed.outlet == "Inter News 24"
