"""Direct quotes in an article's paragraphs: the words, who said them, when, the
question they answer, the match they are about and who they mention.

1. Quotation marks are paired per paragraph («», “”, "", ‘’, ''); an
   apostrophe is never a mark. A quote left open at the end of a paragraph runs
   on when the next paragraph opens with a mark (or closes one), else it ends
   with its paragraph; a stray straight mark inside a quote is dropped. One bad
   mark never costs the rest of the article.
2. A candidate is a direct quote when it stands as speech: at a paragraph or
   sentence start, after a colon or a dash, right after a speech verb, or with
   a reporting clause after it ('», ha detto X'); the half after a reporting
   clause that splits a sentence ('"We were poor," X said, "and …"') too.
   Fragments woven into the narrator's sentence, scare quotes, titles and quotes
   under four words are not, unless a two- or three-word quote opens its
   sentence and a reporting clause follows it ('«Siamo pronti» ha detto X').
3. The speaker comes from a sieve: the reporting clause after the quote, then
   the one before it (subject of the speech verb, 'le parole di X', 'X:'), a
   role ('il tecnico', 'the manager') matched in the directory, the previous
   speaker when the subject is dropped ('ha poi concluso:') or a pronoun, the
   interviewee for Q&A answers and unattributed paragraphs; else nobody. A name
   not in the directory is kept as written (its fullest form in the article)
   and flagged unresolved.
4. The day is the article's day, moved by 'ieri'/'yesterday'/'last Tuesday'/
   'lunedì scorso'/'said on Friday' in the reporting clause, else in the narration
   before the quote in its paragraph, else in the first paragraph; of two day
   words the one next to a speech verb counts. The match: a day word in the
   narration ('domani', 'stasera', 'last night') picks the speaker's team's
   fixture on that day (the next one for 'domani'); else the fixture against a
   club the article names.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.articles import Line, split_words
from ingest.directory import Fixture, Hit, NameDirectory

# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MentionRecord:
    surface: str
    person: str | None = None
    team: str | None = None


@dataclass
class QuoteRecord:
    position: int
    line: int
    text: str
    speaker: str | None  # as written in the article
    person: str | None  # the directory's person, None when unresolved or unknown
    question: str | None = None
    said_on: dt.date | None = None
    match: Fixture | None = None
    mentions: list[MentionRecord] = field(default_factory=list)
    rule: str = ""  # the sieve step that chose the speaker

    @property
    def speaker_resolved(self) -> bool:
        return self.person is not None


# --- 1. quotation marks ----------------------------------------------------------------------

_CLOSERS_OF = {"«": "»", "“": "”\"", "„": "“”", '"': "\"”", "‹": "›", "‘": "’'", "'": "'’"}
_MARKS = "«»“”„\"‹›‘’'"
_OPEN_AFTER = " \t([{—–-:/«“„‘\"'"
_CLOSE_BEFORE = " \t.,;:!?)]}»”’—–-…\"'"


@dataclass
class _Mark:
    pos: int
    char: str
    can_open: bool
    can_close: bool


@dataclass
class Span:
    first: int  # paragraph where the quote opens
    start: int  # offset just after the opening mark
    opener: str
    last: int = -1  # paragraph where it closes
    end: int = -1  # offset of the closing mark (or the paragraph's end)
    skip: set[tuple[int, int]] = field(default_factory=set)  # stray marks to drop from the text
    closed: bool = True


def _marks(text: str) -> list[_Mark]:
    marks = []
    for i, char in enumerate(text):
        if char not in _MARKS:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        mark = _classify(char, before, after)
        if mark is not None:
            marks.append(_Mark(i, char, *mark))
    return marks


def _classify(char: str, before: str, after: str) -> tuple[bool, bool] | None:
    if char in "«“„‹":
        return True, False
    if char in "»”›":
        return False, True
    if char in "'’‘" and before.isalnum() and after.isalnum():
        return None  # an apostrophe: l'Inter, don't
    opens = before in _OPEN_AFTER and not after.isspace()
    closes = not before.isspace() and (after in _CLOSE_BEFORE or after.isspace())
    if char == "‘":
        return (True, False) if after.isalpha() else None
    if char in "'’":
        opens = opens and after.isalpha()
        closes = closes and (before in ".,!?…" or after in ",.;:!?")
    if not opens and not closes:
        return None
    return opens, closes


def find_spans(paragraphs: list[str]) -> list[Span]:
    """Pair the quotation marks of consecutive paragraphs into quote spans."""
    spans: list[Span] = []
    current: Span | None = None
    for index in range(len(paragraphs)):
        current = _scan_paragraph(paragraphs, index, current, spans, ignored=set())
    return spans


def _scan_paragraph(paragraphs: list[str], index: int, current: Span | None, spans: list[Span],
                    ignored: set[int]) -> Span | None:
    """Pair the marks of one paragraph. A straight mark that opens mid-paragraph and never
    closes, while other marks follow it, is a stray: the paragraph is read again without it."""
    text, incoming, before = paragraphs[index], current, len(spans)
    marks = [m for m in _marks(text) if m.pos not in ignored]
    if current is not None and marks and marks[0].can_open and not text[:marks[0].pos].strip():
        current.skip.add((index, marks[0].pos))  # the mark that reopens a running quote
        marks = marks[1:]
    for mark in marks:
        current = _step(current, mark, index, spans)
    if current is None or _runs_on(current, paragraphs, index + 1):
        return current
    if current.first == index and current.opener in "\"'" and any(m.pos > current.start for m in marks):
        del spans[before:]
        return _scan_paragraph(paragraphs, index, incoming, spans, ignored | {current.start - 1})
    current.last, current.end, current.closed = index, len(text), False
    spans.append(current)
    return None


def _step(current: Span | None, mark: _Mark, index: int, spans: list[Span]) -> Span | None:
    if current is None:
        return Span(index, mark.pos + 1, mark.char) if mark.can_open else None
    if current.opener == '"' and mark.char in "«“„" and current.first == index:
        return Span(index, mark.pos + 1, mark.char)  # typographic quotes after a straight mark: it was stray
    if mark.char not in _CLOSERS_OF[current.opener] or not mark.can_close:
        if mark.char == current.opener and mark.char == '"':
            current.skip.add((index, mark.pos))  # a stray straight mark inside the quote
        return current
    current.last, current.end = index, mark.pos
    spans.append(current)
    return None


def _runs_on(current: Span, paragraphs: list[str], following: int) -> bool:
    """A quote open at a paragraph's end continues when the next paragraph opens
    with a mark, or closes the quote before opening any other."""
    if following >= len(paragraphs):
        return False
    marks = _marks(paragraphs[following])
    if not marks:
        return False
    first = marks[0]
    if first.can_open and not paragraphs[following][:first.pos].strip():
        return True
    return first.char in _CLOSERS_OF[current.opener] and first.can_close and not first.can_open


def span_text(span: Span, paragraphs: list[str]) -> str:
    parts = []
    for index in range(span.first, span.last + 1):
        text = paragraphs[index]
        start = span.start if index == span.first else 0
        end = span.end if index == span.last else len(text)
        chars = [c for i, c in enumerate(text[start:end], start) if (index, i) not in span.skip]
        parts.append(re.sub(r"\s{2,}", " ", "".join(chars)).strip())
    return "\n".join(p for p in parts if p).strip().rstrip(",").strip()


# --- 2. cues, names and clauses --------------------------------------------------------------

_IT_PARTICIPLES = split_words(
    "detto dichiarato spiegato aggiunto concluso commentato sottolineato ammesso raccontato rivelato "
    "confessato affermato esordito proseguito attaccato analizzato parlato risposto ribadito evidenziato "
    "precisato osservato confermato assicurato chiosato continuato replicato scherzato tuonato svelato "
    "ricordato insistito avvertito chiarito garantito annunciato puntualizzato ammonito rilanciato "
    "dichiarata raccontata spiegata commentata parlata"
)
_IT_PRESENT = split_words(
    "dice spiega aggiunge racconta commenta conclude afferma sottolinea ammette rivela prosegue risponde "
    "ribadisce dichiara confessa osserva chiosa attacca analizza parla replica continua avverte assicura "
    "precisa evidenzia esordisce insiste scherza"
)
_EN_VERBS = split_words(
    "said says added adds told tells insisted insists admitted admits explained explains reflected "
    "continued concluded stated declared revealed claimed noted stressed warned joked replied answered "
    "commented remarked acknowledged conceded argued confirmed recalled observed predicted vowed "
    "suggested maintained laughed smiled"
)
_CUE = re.compile(
    r"\b(?:ha|hanno|aveva|avevano|avrebbe)\s+(?:[a-zà-ù]+\s+){0,3}?(?:" + "|".join(_IT_PARTICIPLES) + r")\b"
    r"|\b(?:si\s+è\s+(?:raccontat[oa]|confessat[oa]|espress[oa]|sfogat[oa])|si\s+racconta|si\s+confessa)\b"
    r"|\b(?:" + "|".join(_IT_PRESENT + _EN_VERBS) + r")\b"
    r"|\b(?:le\s+parole\s+di|queste\s+le\s+parole|ai\s+microfoni\s+di|in\s+conferenza\s+stampa|intervistat[oa]"
    r"|parola\s+a|speaking\s+(?:to|after|before|at|on|ahead)|quoted\s+by|went\s+on|according\s+to"
    r"|press\s+conference|sat\s+down\s+with|spoke\s+to|così)\b",
    re.IGNORECASE)
_NAMED_BY = re.compile(
    r"\b(?:le\s+parole\s+di|parola\s+a|così|secondo|according\s+to|intervista\s+(?:a|con)|interview\s+with"
    r"|words\s+of)\s+$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:he|she|lui|lei)\b", re.IGNORECASE)
_ROLES = {
    "coach": ("tecnico", "allenatore", "mister", "manager", "coach", "boss", "head coach", "ct"),
    "president": ("presidente", "patron", "president", "chairman", "owner", "proprietario"),
    "captain": ("capitano", "captain", "skipper"),
    "goalkeeper": ("portiere", "goalkeeper", "keeper"),
    "defender": ("difensore", "defender", "centre-back", "terzino", "full-back"),
    "midfielder": ("centrocampista", "regista", "midfielder", "mediano"),
    "forward": ("attaccante", "punta", "centravanti", "bomber", "striker", "forward", "winger"),
    "director": ("direttore sportivo", "ds", "sporting director", "director", "dirigente"),
    "agent": ("agente", "procuratore", "agent"),
}
_ROLE_IN_DIRECTORY = {
    "coach": ("coach", "manager", "allenatore"), "president": ("president", "owner", "chairman"),
    "captain": ("captain",), "goalkeeper": ("goalkeeper",), "defender": ("defender", "centre-back"),
    "midfielder": ("midfielder",), "forward": ("forward", "striker", "winger"),
    "director": ("director",), "agent": ("agent",),
}
_ROLE_WORD = re.compile(
    r"\b(?:il|lo|la|l'|l’|del|della|dello|dell'|dell’|dal|dalla|al|alla|the|our|their|his|her|its)\s*"
    r"(?:[\w-]+\s+){0,3}?("
    + "|".join(sorted({w for ws in _ROLES.values() for w in ws}, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)
_PREPOSITIONS = frozenset(split_words(
    "di del della dello dei degli delle dell a al alla allo ai agli alle all da dal dalla dai dagli dall "
    "in nel nella nei con su sul sulla per tra fra contro verso come of to at against with by for from on "
    "about like told than over beat facing under behind into onto e and che that"))
_CAPITALISED = re.compile(
    r"(?<![\w’'])[A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+(?:(?:de|di|da|van|von|der|den|dos|das|del|la|le|el|al|bin|ten)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w’'-]*)*")
_NOT_NAMES = frozenset(split_words(
    "il lo la i gli le un una the a an he she it they we i you but and so then after before when while "
    "asked speaking ma e poi intanto infine dopo ecco oggi ieri domani stasera mister coach boss sky sport "
    "sports dazn bbc tmw rai mediaset prime video amazon espn tnt canal radio tv champions league europa "
    "conference serie premier cup coppa italia uefa fifa san siro stadio stadium arena park gennaio febbraio "
    "marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre january february march "
    "april may june july august september october november december lunedì martedì mercoledì giovedì "
    "venerdì sabato domenica monday tuesday wednesday thursday friday saturday sunday così secondo "
    "according intervistato interviewed parlando in on at for with nel nella questo questa this that "
    "there our their his her its noi voi lui lei anche also non not per of da di del della alla al q a d r "
    "news press magazine times daily gazzetta corriere captain capitano former ex midfielder striker "
    "defender goalkeeper qualcuno ognuno tutti nessuno chi molti altri everyone someone somebody nobody many "
    "others some"))
_MEDIA = re.compile(r"\b(?:Sky|DAZN|Prime Video|Amazon|BBC|TMW|Rai|Mediaset|ESPN|TNT|Canal|Radio|TV|Tv|"
                    r"Gazzetta|Corriere|Times|Guardian|Telegraph|Mirror|Sun|Athletic|Marca|AS)\b")


@dataclass(frozen=True)
class Speaker:
    written: str
    person: str | None
    rule: str


# Clause outcomes that name nobody: a speech verb without a subject ('ha poi concluso:'),
# or with a pronoun for subject ('he said').
_DROPPED = Speaker("", None, "dropped subject")
_PRONOUN_SUBJECT = Speaker("", None, "pronoun")


@dataclass
class _Context:
    directory: NameDirectory
    seen_names: list[str] = field(default_factory=list)  # unknown full names met so far
    mentioned: list[str] = field(default_factory=list)  # directory people met so far, in order


def _names_in(clause: str, ctx: _Context, *, initial: bool = True) -> list[tuple[int, int, Speaker]]:
    """People named in a clause: directory people and unknown capitalised names.
    `initial`: the clause starts a sentence (a lone capitalised word there is not a name)."""
    hits = ctx.directory.scan(clause)
    found = [(h.start, h.end, Speaker(h.surface, h.name, "")) for h in hits if h.kind == "person"]
    taken = [(h.start, h.end) for h in hits] + [(m.start(), m.end()) for m in _MEDIA.finditer(clause)]
    for match in _CAPITALISED.finditer(clause):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        span = _trim_name(clause, match, ctx, initial)
        if span:
            name = clause[span[0]:span[1]]
            found.append((span[0], span[1], Speaker(_fullest(name, ctx), None, "")))
    return sorted(found, key=lambda f: f[0])


def _trim_name(clause: str, match: re.Match[str], ctx: _Context, initial: bool) -> tuple[int, int] | None:
    """The name inside a run of capitalised words, without leading or trailing common words."""
    words = [(match.start() + w.start(), match.start() + w.end()) for w in re.finditer(r"\S+", match.group())]
    while words and _common(clause, words[0]):
        words = words[1:]
    while words and _common(clause, words[-1]):
        words = words[:-1]
    if not words or _determiner_before(clause, words[0][0]):
        return None
    start, end = words[0][0], words[-1][1]
    if len(words) == 1 and not _single_name_ok(clause, start, end, ctx, initial):
        return None
    return start, end


def _common(clause: str, word: tuple[int, int]) -> bool:
    """A common word, or an elision such as "C'è", "L'allenatore" (a name goes on in capitals: D'Aversa)."""
    raw = clause[word[0]:word[1]].strip("'’")
    text = raw.lower()
    elided = re.match(r"^\w+['’](\w)", raw)
    return text in _NOT_NAMES or re.split(r"['’]", text)[0] in _NOT_NAMES or bool(elided and elided.group(1).islower())


def _single_name_ok(clause: str, start: int, end: int, ctx: _Context, initial: bool) -> bool:
    """A lone unknown capitalised word is a name unless it merely starts a sentence; it is
    one there too when it is the surname of a full name met before or a speech verb follows."""
    before = clause[:start].rstrip()
    starts_sentence = (initial and not before) or before[-1:] in (".", "!", "?", ":", "—", "–", '"', "»", "”")
    if not starts_sentence:
        return True
    name = clause[start:end]
    follows = re.match(r"\s*(?:[\w']+\s+){0,2}", clause[end:])
    verb_next = bool(_CUE.match(clause[end + (follows.end() if follows else 0):]))
    return _fullest(name, ctx) != name or verb_next or clause[end:].lstrip().startswith(":")


def _determiner_before(clause: str, start: int) -> bool:
    """'the Dane', 'il brasiliano': a description, not a name."""
    words = re.findall(r"[\w']+", clause[:start].lower().replace("’", "'"))
    return bool(words) and words[-1] in ("the", "il", "lo", "la", "l'", "l")


def _fullest(name: str, ctx: _Context) -> str:
    for seen in reversed(ctx.seen_names):
        if seen != name and seen.endswith(" " + name):
            return seen
    return name


def _preceded_by_preposition(clause: str, start: int) -> bool:
    words = re.findall(r"[\w']+", clause[:start].lower().replace("’", "'"))
    return bool(words) and words[-1].rstrip("'") in _PREPOSITIONS


def clause_speaker(clause: str, ctx: _Context, *, after_quote: bool) -> Speaker | None:
    """The speaker a reporting clause names; _DROPPED or _PRONOUN_SUBJECT when it has a
    speech verb (or introduces a quote with a colon) but names nobody; None when it
    says nothing about a speaker."""
    names = _names_in(clause, ctx, initial=not after_quote)
    for start, _end, speaker in names:
        if _NAMED_BY.search(clause[:start]):
            return Speaker(speaker.written, speaker.person, "named")
    subjects = [(s, sp) for s, _e, sp in names if not _preceded_by_preposition(clause, s)]
    cues = list(_CUE.finditer(clause))
    if cues:
        return _cue_subject(clause, cues[0] if after_quote else cues[-1], subjects, after_quote, ctx)
    if not after_quote and clause.rstrip().endswith(":"):
        if subjects:
            return Speaker(subjects[0][1].written, subjects[0][1].person, "colon")
        return _role_speaker(clause, ctx) or _nobody(clause)
    return None


def _cue_subject(clause: str, cue: re.Match[str], subjects: list[tuple[int, Speaker]], after_quote: bool,
                 ctx: _Context) -> Speaker:
    before = [sp for s, sp in subjects if s < cue.start()]
    after = [sp for s, sp in subjects if s >= cue.end()]
    if after_quote and after and not before and len(re.findall(r"\w+", clause[:cue.start()])) <= 2:
        return Speaker(after[0].written, after[0].person, "inverted")
    if before:
        return Speaker(before[-1].written, before[-1].person, "subject")
    if after:
        return Speaker(after[0].written, after[0].person, "inverted")
    return _role_speaker(clause, ctx) or _nobody(clause)


def _nobody(clause: str) -> Speaker:
    return _PRONOUN_SUBJECT if _PRONOUN.search(clause) else _DROPPED


def _role_speaker(clause: str, ctx: _Context) -> Speaker | None:
    """'il tecnico dei granata', 'the Harwick boss': the one person of that role, at the
    club named in the clause, or the last such person the article mentioned."""
    match = _ROLE_WORD.search(clause)
    if not match:
        return None
    role = next(r for r, words in _ROLES.items() if match.group(1).lower() in words)
    keys = _ROLE_IN_DIRECTORY[role]
    people = [p for p in ctx.directory.people if any(k in p.role for k in keys)]
    teams = [h.name for h in ctx.directory.scan(clause) if h.kind == "team" and h.name]
    written = clause[match.start():match.end()].strip()
    at_club = [p for p in people if p.team in teams]
    if teams and len(at_club) == 1:
        return Speaker(written, at_club[0].name, "role")
    others = {h.name for h in ctx.directory.scan(clause) if h.kind == "person"}
    names = {p.name for p in people} - others
    named = [n for n in reversed(ctx.mentioned) if n in names]
    return Speaker(written, named[0], "role") if named else None


# --- 3. candidates ---------------------------------------------------------------------------

_Q_PREFIX = re.compile(r"^(?:D|Q|Domanda|Question)\s*[:.]\s+", re.IGNORECASE)
_A_PREFIX = re.compile(r"^(?:R|A|Risposta|Answer)\s*:\s+", re.IGNORECASE)
_A_LABEL = re.compile(r"^\s*(?:R|A|Risposta|Answer)\s*:?\s*$", re.IGNORECASE)  # the label alone
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”’]?\s+")
_MIN_WORDS = 4
_SHORT_WORDS = 2  # a two- or three-word quote counts when it opens its sentence and a reporting clause follows


@dataclass
class _Candidate:
    span: Span
    text: str
    question: str | None = None
    answer: bool = False


class _Quotes:
    """The article's quote candidates, in order, looked up by paragraph."""

    def __init__(self, candidates: list[_Candidate]) -> None:
        self.all = candidates
        self.ending: dict[int, list[_Candidate]] = {}
        self.starting: dict[int, list[_Candidate]] = {}
        self.covering: dict[int, list[_Candidate]] = {}
        self.order = {id(c): i for i, c in enumerate(candidates)}
        for cand in candidates:
            self.ending.setdefault(cand.span.last, []).append(cand)
            self.starting.setdefault(cand.span.first, []).append(cand)
            for index in range(cand.span.first, cand.span.last + 1):
                self.covering.setdefault(index, []).append(cand)

    def before_in_paragraph(self, cand: _Candidate) -> list[_Candidate]:
        """Quotes that close in this quote's paragraph before it opens."""
        return [c for c in self.ending.get(cand.span.first, []) if c.span.end < cand.span.start]

    def after_in_paragraph(self, cand: _Candidate) -> list[_Candidate]:
        return [c for c in self.starting.get(cand.span.last, []) if c.span.start > cand.span.end]

    def previous(self, cand: _Candidate) -> _Candidate | None:
        i = self.order[id(cand)]
        return self.all[i - 1] if i else None


def _candidates(paragraphs: list[str]) -> list[_Candidate]:
    answers = _answer_paragraphs(paragraphs)
    found = [_prefixed_answer(paragraphs, i, q) for i, q in answers.items() if _A_PREFIX.match(paragraphs[i])]
    prefixed = {c.span.first for c in found}
    previous: Span | None = None
    for span in (part for whole in find_spans(paragraphs) for part in _split_aside(whole, paragraphs)):
        if span.first in prefixed:
            continue
        text = span_text(span, paragraphs)
        answer = span.first in answers and not paragraphs[span.first][:span.start - 1].strip()
        if _is_quote(span, text, paragraphs, answer) or _continues(previous, span, text, paragraphs):
            found.append(_Candidate(span, text, answers.get(span.first) if answer else None, answer))
            previous = span
    return sorted(found, key=lambda c: (c.span.first, c.span.start))


_ROLE_NOUNS = frozenset(w for ws in _ROLES.values() for w in ws)


def _continues(previous: Span | None, span: Span, text: str, paragraphs: list[str]) -> bool:
    """The second half of a sentence split by its reporting clause: '"We were poor," Tolley
    said after the game, "and I take the blame."', '«Siamo pronti» ha detto X «ma serve
    umiltà»'. Between the two quotes: a speech verb, no sentence end, ending with a comma,
    the verb, a name or a role."""
    if previous is None or not previous.closed or previous.last != span.first or previous.end > span.start:
        return False
    gap = paragraphs[span.first][previous.end + 1:max(span.start - 1, 0)].strip()
    words = re.findall(r"[\w’'-]+", gap)
    if not words or len(words) > 12 or re.search(r"[.!?…:;]", gap) or not _CUE.search(gap):
        return False
    if len(re.findall(r"[^\W_]+", text)) < 2:
        return False
    last = re.split(r"[’']", words[-1])[-1]  # 'l’attaccante' -> 'attaccante'
    return (gap.endswith((",", "–", "—")) or bool(_CUE.fullmatch(last)) or last[:1].isupper()
            or last.lower() in _ROLE_NOUNS)


_ASIDE = re.compile(r"\s[–—]\s+([^–—«»“”\"]{3,80}?)\s+[–—]\s")


def _split_aside(span: Span, paragraphs: list[str]) -> list[Span]:
    """«Ogni gol – dice Mendonça – lo dedico…»: the reporting aside splits the quote in two."""
    text = paragraphs[span.first]
    region_end = span.end if span.first == span.last else len(text)
    for aside in _ASIDE.finditer(text, span.start, region_end):
        if _CUE.search(aside.group(1)):
            head = Span(span.first, span.start, span.opener, span.first, aside.start(), set(span.skip))
            tail = Span(span.first, aside.end(), span.opener, span.last, span.end, set(span.skip), span.closed)
            return [head, *_split_aside(tail, paragraphs)]
    return [span]


def _prefixed_answer(paragraphs: list[str], index: int, question: str) -> _Candidate:
    text = _A_PREFIX.sub("", paragraphs[index])
    span = Span(index, len(paragraphs[index]) - len(text), "", index, len(paragraphs[index]))
    return _Candidate(span, text.strip().strip("\"«»“”").strip(), question, True)


def _answer_paragraphs(paragraphs: list[str]) -> dict[int, str]:
    """Paragraph of each Q&A answer -> its question; only in an interview (two pairs or a 'D:')."""
    pairs = {}
    for index in range(len(paragraphs) - 1):
        text, following = paragraphs[index], paragraphs[index + 1]
        if _is_question(text) and _opens_answer(following):
            pairs[index + 1] = _Q_PREFIX.sub("", text).strip()
    prefixed = any(_Q_PREFIX.match(p) for p in paragraphs)
    return pairs if len(pairs) >= 2 or (prefixed and pairs) else {}


def _is_question(text: str) -> bool:
    if _Q_PREFIX.match(text):
        return True
    marks = _marks(text)
    return text.rstrip().endswith("?") and not (marks and marks[0].pos == 0)


def _opens_answer(text: str) -> bool:
    if _A_PREFIX.match(text):
        return True
    marks = _marks(text)
    return bool(marks) and marks[0].can_open and marks[0].pos == 0


def _is_quote(span: Span, text: str, paragraphs: list[str], answer: bool) -> bool:
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)
    if answer:
        return bool(words)
    if len(words) < _SHORT_WORDS or all(w[:1].isupper() for w in words if len(w) > 3):
        return False
    before = paragraphs[span.first][:span.start - 1].rstrip()
    after = paragraphs[span.last][span.end + 1:] if span.closed else ""
    if len(words) < _MIN_WORDS:  # '"We were poor," Tolley said': short, but it opens and is reported
        return _stands_as_speech(before) and _reported_after(after)
    return _stands_as_speech(before) or _reported_after(after)


def _stands_as_speech(before: str) -> bool:
    if not before or before[-1] in ":.!?…—–-»”\"'’":
        return True
    last = re.findall(r"[\w']+", before.rstrip(","))
    return bool(last) and bool(_CUE.fullmatch(last[-1]))


def _reported_after(after: str) -> bool:
    """A reporting clause follows ('», ha detto X', '," he said'), not the narrator's
    sentence going on ('" and added')."""
    head = re.match(r"^\s*[,;–—-]?\s*((?:\S+\s+){0,4}\S+)", after)
    if not head or re.match(r"(?:and|e|ma|but|che|that|or|o)\b", head.group(1), re.IGNORECASE):
        return False
    return bool(_CUE.search(head.group(1)))


# --- 4. speakers -----------------------------------------------------------------------------


@dataclass
class _Clauses:
    pre: str  # the reporting text before the quote, in its sentence
    post: str  # the reporting text after it, to the end of its sentence
    context: str  # the sentence before the quote in the same paragraph, when `pre` is empty


def _sentences(text: str) -> list[str]:
    return [p for p in _SENTENCE_END.split(text) if p.strip()]


def clauses_of(cand: _Candidate, paragraphs: list[str], quotes: _Quotes) -> _Clauses:
    span = cand.span
    text = paragraphs[span.first]
    start = max((c.span.end + 1 for c in quotes.before_in_paragraph(cand)), default=0)
    before = text[start:max(span.start - 1, 0)]
    if cand.answer and _A_LABEL.match(before):
        before = ""  # 'Risposta:' labels the answer; it is not a reporting clause naming someone
    ends_sentence = bool(re.search(r"[.!?…][\"'»”’]?\s*$", before))
    pieces = _sentences(before)
    pre = pieces[-1] if pieces and not ends_sentence else ""
    if not before.strip() and span.first > 0 and paragraphs[span.first - 1].rstrip().endswith(":"):
        pre = (_sentences(paragraphs[span.first - 1]) or [""])[-1]
    context = pieces[-1] if pieces and ends_sentence else ""
    return _Clauses(pre, _post_clause(cand, paragraphs, quotes), context)


def _post_clause(cand: _Candidate, paragraphs: list[str], quotes: _Quotes) -> str:
    """From the closing mark to the end of its sentence, or to the next quote (nothing when
    that stretch ends with a colon: it introduces the next quote); when the quote itself
    ends the sentence, the next sentence if it opens with a reporting phrase ('Queste le
    parole di X')."""
    span = cand.span
    if not span.closed:
        return ""
    tail = paragraphs[span.last][span.end + 1:]
    following = [m.pos for m in _marks(tail) if m.can_open]
    following += [c.span.start - span.end - 1 for c in quotes.after_in_paragraph(cand)]
    tail = tail[:min(following)] if following else tail
    pieces = _SENTENCE_END.split(tail, maxsplit=1)
    if following and len(pieces) == 1 and pieces[0].rstrip().endswith(":"):
        return ""  # '"…" Albrecht laughed it off: "…"': the clause introduces the next quote
    if re.fullmatch(r"\W*", pieces[0]) and len(pieces) > 1 and _CUE.match(pieces[1].lstrip()):
        return _sentences(pieces[1])[0]
    return pieces[0]


@dataclass
class _Walk:
    """What the attribution of one quote may look back on."""

    paragraphs: list[str]
    quotes: _Quotes
    ctx: _Context
    previous: Speaker | None = None  # the speaker of the quote before
    default: Speaker | None = None  # the interviewee, if the article has one


def attribute(cand: _Candidate, walk: _Walk) -> Speaker | None:
    """The sieve: reporting clauses, then continuation, context, the paragraph before, the
    interviewee."""
    parts = clauses_of(cand, walk.paragraphs, walk.quotes)
    for clause, after in ((parts.post, True), (parts.pre, False)):
        found = clause_speaker(clause, walk.ctx, after_quote=after) if clause.strip() else None
        if found is not None:
            return _resolve_nobody(found, cand, walk)
    if cand.answer:
        return walk.default
    if walk.quotes.before_in_paragraph(cand) and walk.previous:
        return _carried(walk.previous)
    found = _speaker_with_verb(parts.context, walk) if parts.context else None
    if found is not None:
        return found
    if _starts_paragraph(cand, walk.paragraphs):
        return _paragraph_start_speaker(cand, walk)
    return None


def _resolve_nobody(found: Speaker, cand: _Candidate, walk: _Walk) -> Speaker | None:
    if found is _PRONOUN_SUBJECT:
        return _referent(cand, walk) or _carried(walk.previous or walk.default)
    if found is _DROPPED:
        return _carried(walk.previous or walk.default) or _referent(cand, walk)
    return _remembered(found, walk.ctx)


def _speaker_with_verb(sentence: str, walk: _Walk) -> Speaker | None:
    found = clause_speaker(sentence, walk.ctx, after_quote=False)
    if found is _DROPPED or found is _PRONOUN_SUBJECT:
        return _carried(walk.previous or walk.default)
    return _remembered(found, walk.ctx) if found else None


def _paragraph_start_speaker(cand: _Candidate, walk: _Walk) -> Speaker | None:
    """A quote that opens its paragraph with no reporting clause: the speaker of the quote
    just before, else whoever the paragraph before has speaking, else the interviewee."""
    if walk.previous is not None and _follows_quote(cand, walk.quotes):
        return _carried(walk.previous)
    index = cand.span.first
    if index > 0 and not walk.quotes.covering.get(index - 1):
        last = (_sentences(walk.paragraphs[index - 1]) or [""])[-1]
        found = _speaker_with_verb(last, walk)
        if found is not None:
            return found
    return _carried(walk.default)


def _referent(cand: _Candidate, walk: _Walk) -> Speaker | None:
    """Who 'he'/'she' is: the subject of the nearest sentence before the quote that has one,
    in this paragraph or the two before it."""
    index = cand.span.first
    texts = [_narration_before(cand, walk)] + [_without_quotes(i, walk) for i in range(index - 1, index - 3, -1)
                                              if i >= 0]
    for text in texts:
        for sentence in reversed(_sentences(text)):
            found = _sentence_subject(sentence, walk.ctx)
            if found is not None:
                return _remembered(found, walk.ctx)
    return None


def _sentence_subject(sentence: str, ctx: _Context) -> Speaker | None:
    found = clause_speaker(sentence, ctx, after_quote=False)
    if found is not None and found.written:
        return Speaker(found.written, found.person, "pronoun")
    subjects = [sp for s, _e, sp in _names_in(sentence, ctx) if not _preceded_by_preposition(sentence, s)]
    return Speaker(subjects[0].written, subjects[0].person, "pronoun") if subjects else None


def _narration_before(cand: _Candidate, walk: _Walk) -> str:
    text = walk.paragraphs[cand.span.first][:max(cand.span.start - 1, 0)]
    for other in walk.quotes.before_in_paragraph(cand):
        start = other.span.start - 1 if other.span.first == cand.span.first else 0
        text = text[:start] + " " * (other.span.end + 1 - start) + text[other.span.end + 1:]
    return text


def _without_quotes(index: int, walk: _Walk) -> str:
    text = walk.paragraphs[index]
    for other in walk.quotes.covering.get(index, []):
        start = max(other.span.start - 1, 0) if other.span.first == index else 0
        end = other.span.end + 1 if other.span.last == index else len(text)
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _starts_paragraph(cand: _Candidate, paragraphs: list[str]) -> bool:
    return not paragraphs[cand.span.first][:max(cand.span.start - 1, 0)].strip()


def _follows_quote(cand: _Candidate, quotes: _Quotes) -> bool:
    """The quote before ends in the paragraph just above this one."""
    previous = quotes.previous(cand)
    return previous is not None and previous.span.last == cand.span.first - 1


def _carried(speaker: Speaker | None) -> Speaker | None:
    return Speaker(speaker.written, speaker.person, "carried") if speaker else None


def _remembered(speaker: Speaker, ctx: _Context) -> Speaker:
    if speaker.person:
        ctx.mentioned.append(speaker.person)
    return speaker


def _read_up_to(walk: _Walk, cand: _Candidate, done: int) -> int:
    """Note the people and full names of the narration up to this quote; returns the
    paragraphs read completely."""
    for index in range(done, cand.span.first):
        _note_names(_without_quotes(index, walk), walk.ctx)
    _note_names(_narration_before(cand, walk), walk.ctx)
    return max(done, cand.span.first)


def _note_names(text: str, ctx: _Context) -> None:
    for hit in ctx.directory.scan(text):
        if hit.kind == "person" and hit.name:
            ctx.mentioned.append(hit.name)
    for match in _CAPITALISED.finditer(text):
        span = _trim_name(text, match, ctx, True)
        name = text[span[0]:span[1]] if span else ""
        if " " in name and not ctx.directory.scan(name):
            ctx.seen_names.append(name)


_INTRO = re.compile(
    r"si\s+è\s+raccontat[oa]|si\s+racconta|intervista\s+(?:a|con)|interview\s+with|abbiamo\s+intervistato"
    r"|ha\s+parlato|spoke\s+to|sat\s+down\s+with|ha\s+risposto|answered|ai\s+microfoni|told", re.IGNORECASE)


def default_speaker(title: str, paragraphs: list[str], ctx: _Context) -> Speaker | None:
    """The interviewee: the person before a headline's colon, or the one the headline names
    ('parla X', 'le parole di X'), else the subject of the lead's 'si è raccontato',
    'sat down with'."""
    for paragraph in paragraphs[:3]:
        _note_names(paragraph, ctx)
    found = _headline_speaker(title, ctx)
    for paragraph in paragraphs[:3] if found is None else []:
        for sentence in _sentences(paragraph):
            lead = clause_speaker(sentence, ctx, after_quote=False) if _INTRO.search(sentence) else None
            if lead is not None and lead.written:
                found = lead
                break
        if found is not None:
            break
    return Speaker(found.written, found.person, "interviewee") if found else None


def _headline_speaker(title: str, ctx: _Context) -> Speaker | None:
    """'X: «…»', 'X, role: "…"', '‘…’: X on …' — the person outside the headline's quote."""
    quoted = [(s.start - 1, s.end + 1) for s in find_spans([title]) if s.closed]
    head = title
    for start, end in reversed(quoted):
        head = head[:start] + " " * (end - start) + head[end:]
    head = head if quoted else re.split(r":", title, maxsplit=1)[0]
    if quoted or head != title:
        names = [sp for s, _e, sp in _names_in(head, ctx) if not _preceded_by_preposition(head, s)]
        if names:
            return names[0]
    named = clause_speaker(title, ctx, after_quote=False)
    return named if named is not None and named.written else None


# --- 5. the article walk ---------------------------------------------------------------------


def extract_quotes(body: list[Line], *, title: str, said_on: dt.date | None,
                   directory: NameDirectory) -> list[QuoteRecord]:
    """The article's direct quotes, in order, with speaker, question, day, match and mentions."""
    paragraphs = [line.text for line in body]
    quotes = _Quotes(_candidates(paragraphs))
    walk = _Walk(paragraphs, quotes, _Context(directory))
    walk.default = default_speaker(title, paragraphs, walk.ctx)
    setting = _Setting.of(_narration(title, paragraphs, quotes.all), directory)
    lead = _without_quotes(0, walk) if paragraphs else ""
    records: list[QuoteRecord] = []
    done = 0
    for position, cand in enumerate(quotes.all, start=1):
        done = _read_up_to(walk, cand, done)
        speaker = attribute(cand, walk)
        walk.previous = speaker if speaker and speaker.written else walk.previous
        parts = clauses_of(cand, paragraphs, quotes)
        reporting = f"{parts.pre or parts.context} {parts.post}"
        local = (reporting, _without_quotes(cand.span.first, walk))
        records.append(QuoteRecord(
            position=position, line=body[cand.span.first].no, text=cand.text,
            speaker=speaker.written if speaker else None, person=speaker.person if speaker else None,
            question=cand.question, said_on=day_said(said_on, reporting, _narration_before(cand, walk), lead),
            match=_match(speaker, said_on, local, setting, directory),
            mentions=_mentions(cand.text, directory), rule=speaker.rule if speaker else "none",
        ))
    return records


# --- 6. days, matches, mentions --------------------------------------------------------------

_SAID_DAY = re.compile(r"\b(l['’]altro\s+ieri|altro\s+ieri|ieri|yesterday|last\s+night)\b", re.IGNORECASE)
_SAID_TODAY = re.compile(r"\b(?:oggi|stamattina|stamane|questa\s+mattina|today|this\s+morning"
                         r"|the\s+morning\s+after)\b", re.IGNORECASE)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_GIORNI = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
_ON_WEEKDAY = re.compile(r"\bon\s+(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
# 'last Tuesday', 'lunedì scorso', 'lo scorso sabato': the weekday before the article's day
_LAST_WEEKDAY = re.compile(r"\blast\s+(" + "|".join(_WEEKDAYS) + r")\b"
                           r"|\b(" + "|".join(_GIORNI) + r")\s+scors[oa]\b"
                           r"|\b(?:lo|la)\s+scors[oa]\s+(" + "|".join(_GIORNI) + r")\b", re.IGNORECASE)
_ASKED = re.compile(r"\b(?:asked|questioned|interpellat[oa])\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?…]")


def day_said(article_day: dt.date | None, *texts: str) -> dt.date | None:
    """The article's day, moved by the first of `texts` that has a day word: the quote's
    reporting clause ('ha detto ieri', 'said on Friday', 'lunedì scorso'), the narration
    before the quote in its paragraph ('… at his press conference this morning. “…,” the
    manager said. “…”'), the article's first paragraph ('Ieri in conferenza stampa', 'after
    last night's win'; 'the morning after' keeps the day)."""
    if article_day is None:
        return None
    for text in texts:
        back = _days_back(text, article_day)
        if back is not None:
            return article_day - dt.timedelta(days=back)
    return article_day


def _days_back(text: str, article_day: dt.date) -> int | None:
    """Days between the article's day and the day a text's day word names. With several,
    the one nearest a speech verb ('ex bandiera e oggi opinionista, ieri ha commentato')."""
    found: list[tuple[int, int, int]] = []  # (start, end, days back), in order of preference
    found += [(m.start(), m.end(), 0) for m in _SAID_TODAY.finditer(text)]
    found += [(m.start(), m.end(), 2 if "altro" in m.group(1).lower() else 1) for m in _SAID_DAY.finditer(text)]
    for m in _LAST_WEEKDAY.finditer(text):
        name = next(g for g in m.groups() if g).lower()
        weekday = _WEEKDAYS.index(name) if name in _WEEKDAYS else _GIORNI.index(name)
        found.append((m.start(), m.end(), (article_day.weekday() - weekday - 1) % 7 + 1))
    for m in _ON_WEEKDAY.finditer(text):
        if _speech_on(text, m):
            found.append((m.start(), m.end(), (article_day.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7))
    if not found:
        return None
    cues = [(c.start(), c.end()) for c in (*_CUE.finditer(text), *_ASKED.finditer(text))]
    if len(found) == 1 or not cues:
        return found[0][2]
    return min(found, key=lambda f: min(max(c[0] - f[1], f[0] - c[1], 0) for c in cues))[2]


def _speech_on(text: str, weekday: re.Match[str]) -> bool:
    """'said on Friday', 'speaking after training on Saturday', 'asked on Wednesday': at most
    three words after a speech verb; or 'On Saturday, …' opening a sentence that reports
    speech. Not 'Brennholm, who arrive on Tuesday' (the match day)."""
    before = text[:weekday.start()]
    clause = _CLAUSE_END.split(before)[-1]
    reach = clause + weekday.group()  # the cue may end in the weekday's 'on': 'Speaking on Friday'
    for cue in (*_CUE.finditer(reach), *_ASKED.finditer(reach)):
        if len(re.findall(r"[\w’']+", clause[cue.end():])) <= 3:
            return True
    if before.strip() and not re.search(r"[.!?…]\s*$", before):
        return False
    sentence = re.split(r"(?<=[.!?…])\s", text[weekday.start():], maxsplit=1)[0]
    return bool(_CUE.search(sentence) or _ASKED.search(sentence))


_MATCH_DAY = re.compile(
    r"\b(dopodomani|domani|tomorrow|stasera|stanotte|questa\s+sera|tonight|this\s+evening|ieri\s+sera"
    r"|last\s+night)\b", re.IGNORECASE)
_MATCH_OFFSET = {"dopodomani": 2, "domani": 1, "tomorrow": 1, "ieri sera": -1, "last night": -1}
_WINDOW = dt.timedelta(days=10)


def _narration(title: str, paragraphs: list[str], candidates: list[_Candidate]) -> str:
    """The article's own words: title and paragraphs with every quote cut out."""
    quoted: dict[int, list[tuple[int, int]]] = {}
    for cand in candidates:
        for index in range(cand.span.first, cand.span.last + 1):
            start = cand.span.start if index == cand.span.first else 0
            end = cand.span.end if index == cand.span.last else len(paragraphs[index])
            quoted.setdefault(index, []).append((start, end))
    parts = [title]
    for index, text in enumerate(paragraphs):
        for start, end in sorted(quoted.get(index, []), reverse=True):
            text = text[:start] + " " + text[end:]
        parts.append(text)
    return "\n".join(parts)


@dataclass(frozen=True)
class _Setting:
    """What the narration says once for every quote: its first match-day word, the clubs it names."""

    day_word: str | None
    teams: tuple[str, ...]

    @classmethod
    def of(cls, narration: str, directory: NameDirectory) -> "_Setting":
        word = _MATCH_DAY.search(narration)
        teams = dict.fromkeys(h.name for h in directory.scan(narration) if h.kind == "team" and h.name)
        return cls(word.group(1) if word else None, tuple(teams))


def _match(speaker: Speaker | None, article_day: dt.date | None, local: tuple[str, str], setting: _Setting,
           directory: NameDirectory) -> Fixture | None:
    """The speaker's club's fixture that a day word in the narration points at, else the
    one against a club the narration names, within ten days of the article."""
    if article_day is None:
        return None
    team = directory.team_of(speaker.person) if speaker else None
    found_words = [m.group(1) for m in (_MATCH_DAY.search(text) for text in local) if m]
    day_word = (found_words or [setting.day_word])[0]
    if day_word:
        offset = _MATCH_OFFSET.get(re.sub(r"\s+", " ", day_word.lower()), 0)
        found = _fixture_on(directory, team, setting, article_day, offset)
        if found:
            return found
    return _fixture_against(directory, team, setting, article_day)


def _fixture_on(directory: NameDirectory, team: str | None, setting: _Setting, day: dt.date,
                offset: int) -> Fixture | None:
    target = day + dt.timedelta(days=offset)
    for fixture in _fixtures(directory, team, setting):
        if fixture.date == target:
            return fixture
    if offset > 0:
        upcoming = [f for f in _fixtures(directory, team, setting) if day < f.date <= day + _WINDOW]
        return upcoming[0] if upcoming else None
    return None


def _fixtures(directory: NameDirectory, team: str | None, setting: _Setting) -> Iterator[Fixture]:
    """The speaker's club's fixtures; for an unknown club, those between two clubs the article names."""
    if team:
        yield from directory.fixtures_of(team)
        return
    for name in setting.teams:
        yield from (f for f in directory.fixtures_of(name) if f.home in setting.teams and f.away in setting.teams)


def _fixture_against(directory: NameDirectory, team: str | None, setting: _Setting,
                     day: dt.date) -> Fixture | None:
    named = set(setting.teams)
    near = [f for f in _fixtures(directory, team, setting)
            if abs(f.date - day) <= _WINDOW and ({f.home, f.away} - {team}) & named]
    return min(near, key=lambda f: (abs(f.date - day), f.date < day)) if near else None


def article_mentions(body: list[Line], *, title: str, directory: NameDirectory) -> list[MentionRecord]:
    """People and clubs the article itself names (title and narration, quotes left out)."""
    paragraphs = [line.text for line in body]
    return _mentions(_narration(title, paragraphs, _candidates(paragraphs)), directory)


def _mentions(text: str, directory: NameDirectory) -> list[MentionRecord]:
    seen: set[tuple[str, str]] = set()
    out = []
    for hit in directory.scan(text):
        if hit.name is None or (hit.kind, hit.name) in seen:
            continue
        seen.add((hit.kind, hit.name))
        out.append(_mention(hit))
    return out


def _mention(hit: Hit) -> MentionRecord:
    if hit.kind == "person":
        return MentionRecord(hit.surface, person=hit.name)
    return MentionRecord(hit.surface, team=hit.name)
