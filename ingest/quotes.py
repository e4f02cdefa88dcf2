"""Direct quotes in an article's paragraphs: the words, who said them, when, the
question they answer, the match they are about and who they mention.

1. Quotation marks are paired per paragraph («», “”, "", ‘’, ''); an
   apostrophe is never a mark. A quote left open at the end of a paragraph runs
   on when the next paragraph opens with a mark (or closes one), else it ends
   with its paragraph; a stray straight mark inside a quote is dropped. One bad
   mark never costs the rest of the article.
2. A candidate is a direct quote when it stands as speech: at a paragraph or
   sentence start, after a colon or a dash, right after a speech verb, or with
   a reporting clause after it ('», ha detto X'). Fragments woven into the
   narrator's sentence, scare quotes, titles and quotes under four words are not.
3. The speaker comes from a sieve: the reporting clause after the quote, then
   the one before it (subject of the speech verb, 'le parole di X', 'X:'), a
   role ('il tecnico', 'the manager') matched in the directory, the previous
   speaker when the subject is dropped ('ha poi concluso:') or a pronoun, the
   interviewee for Q&A answers and unattributed paragraphs; else nobody. A name
   not in the directory is kept as written (its fullest form in the article)
   and flagged unresolved.
4. The day is the article's day, moved by 'ieri'/'yesterday'/'on Friday' in the
   reporting clause. The match: a day word in the narration ('domani',
   'stasera', 'last night') picks the speaker's team's fixture on that day (the
   next one for 'domani'); else the fixture against a club the article names.
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
    for index, text in enumerate(paragraphs):
        marks = _marks(text)
        if current is not None and marks and marks[0].can_open and not text[:marks[0].pos].strip():
            current.skip.add((index, marks[0].pos))  # the mark that reopens a running quote
            marks = marks[1:]
        for mark in marks:
            current = _step(current, mark, index, spans)
        if current is not None and not _runs_on(current, paragraphs, index + 1):
            current.last, current.end, current.closed = index, len(text), False
            spans.append(current)
            current = None
    return spans


def _step(current: Span | None, mark: _Mark, index: int, spans: list[Span]) -> Span | None:
    if current is None:
        return Span(index, mark.pos + 1, mark.char) if mark.can_open else None
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
    r"|press\s+conference|così)\b",
    re.IGNORECASE)
_NAMED_BY = re.compile(
    r"\b(?:le\s+parole\s+di|parola\s+a|così|secondo|according\s+to|intervista\s+(?:a|con)|interview\s+with"
    r"|words\s+of)\s+$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|lui|lei|egli|ella)$", re.IGNORECASE)
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
    r"\b(?:il|lo|la|l'|l’|the|our|their|his|her)\s*(?:[\w-]+\s+){0,3}?("
    + "|".join(sorted({w for ws in _ROLES.values() for w in ws}, key=len, reverse=True)) + r")\b",
    re.IGNORECASE)
_PREPOSITIONS = frozenset(
    split_words("di del della dello dei degli delle dell a al alla allo ai agli alle all da dal dalla dai dagli dall "
    "in nel "
    "nella nei con su sul sulla per tra fra contro verso come of to at against with by for from on about like "
    "told than over beat facing under behind into onto e and"))
_CAPITALISED = re.compile(
    r"(?<![\w’'])[A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+(?:(?:de|di|da|van|von|der|den|dos|das|del|la|le|el|al|bin|ten)\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w’'-]*)*")
_NOT_NAMES = frozenset(
    split_words("il lo la i gli le un una the a an he she it they we i you but and so then after before when while "
    "asked "
    "speaking ma e poi intanto infine dopo ecco oggi ieri domani stasera mister coach boss sky sport sports dazn "
    "bbc tmw rai mediaset prime video amazon espn tnt canal radio tv champions league europa conference serie "
    "premier cup coppa italia uefa fifa san siro stadio stadium arena park gennaio febbraio marzo aprile maggio "
    "giugno luglio agosto settembre ottobre novembre dicembre january february march april may june july "
    "august september october november december lunedì martedì mercoledì giovedì venerdì sabato domenica "
    "monday tuesday wednesday thursday friday saturday sunday così secondo according intervistato interviewed "
    "parlando in on at for with nel nella questo questa this that there our their his her its noi voi lui lei "
    "anche also non not per of da di del della alla al q a d r news press magazine times daily gazzetta "
    "corriere"))
_MEDIA = re.compile(r"\b(?:Sky|DAZN|Prime Video|Amazon|BBC|TMW|Rai|Mediaset|ESPN|TNT|Canal|Radio|TV|Tv|"
                    r"Gazzetta|Corriere|Times|Guardian|Telegraph|Mirror|Sun|Athletic|Marca|AS)\b")


@dataclass(frozen=True)
class Speaker:
    written: str
    person: str | None
    rule: str


_CARRY = Speaker("", None, "carry")  # the clause has a speech verb but no subject


@dataclass
class _Context:
    directory: NameDirectory
    seen_names: list[str] = field(default_factory=list)  # unknown full names met so far
    mentioned: list[str] = field(default_factory=list)  # directory people met so far, in order


def _names_in(clause: str, ctx: _Context) -> list[tuple[int, int, Speaker]]:
    """People named in a clause: directory people and unknown capitalised names."""
    hits = ctx.directory.scan(clause)
    found = [(h.start, h.end, Speaker(h.surface, h.name, "")) for h in hits
             if h.kind == "person" and h.name is not None]
    found += [(h.start, h.end, Speaker(h.surface, None, "")) for h in hits if h.kind == "person" and h.name is None]
    taken = [(h.start, h.end) for h in hits] + [(m.start(), m.end()) for m in _MEDIA.finditer(clause)]
    for match in _CAPITALISED.finditer(clause):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        name = _trim_name(match.group(), clause[:match.start()])
        if name:
            offset = match.start() + match.group().index(name)
            found.append((offset, offset + len(name), Speaker(_fullest(name, ctx), None, "")))
    return sorted(found, key=lambda f: f[0])


def _trim_name(text: str, before: str) -> str | None:
    words = text.split()
    while words and words[0].lower().strip("'’") in _NOT_NAMES:
        words = words[1:]
    while words and words[-1].lower() in _NOT_NAMES:
        words = words[:-1]
    if not words:
        return None
    starts_sentence = not before.strip() or before.rstrip()[-1:] in ".!?:—–\"»”"
    if len(words) == 1 and (starts_sentence and words[0] == text.split()[0]):
        return None
    return " ".join(words)


def _fullest(name: str, ctx: _Context) -> str:
    for seen in reversed(ctx.seen_names):
        if seen != name and seen.endswith(" " + name):
            return seen
    return name


def _preceded_by_preposition(clause: str, start: int) -> bool:
    words = re.findall(r"[\w']+", clause[:start].lower().replace("’", "'"))
    if not words:
        return False
    last = words[-1].rstrip("'")
    return last in _PREPOSITIONS


def clause_speaker(clause: str, ctx: _Context, *, after_quote: bool) -> Speaker | None:
    """The speaker a reporting clause names; _CARRY when it has a speech verb but no
    subject; None when it says nothing about a speaker."""
    names = _names_in(clause, ctx)
    for start, _end, speaker in names:
        if _NAMED_BY.search(clause[:start]):
            return Speaker(speaker.written, speaker.person, "named")
    cues = list(_CUE.finditer(clause))
    subjects = [(s, e, sp) for s, e, sp in names if not _preceded_by_preposition(clause, s)]
    if not cues:
        colon = not after_quote and clause.rstrip().endswith(":")
        return Speaker(subjects[0][2].written, subjects[0][2].person, "colon") if colon and subjects else None
    cue = cues[0] if after_quote else cues[-1]
    before = [sp for s, _e, sp in subjects if s < cue.start()]
    after = [sp for s, _e, sp in subjects if s >= cue.end()]
    if after_quote and after and not before and _cue_first(clause, cue.start()):
        return Speaker(after[0].written, after[0].person, "inverted")
    if before:
        return Speaker(before[-1].written, before[-1].person, "subject")
    if after:
        return Speaker(after[0].written, after[0].person, "inverted")
    return _role_speaker(clause, ctx) or _CARRY


def _cue_first(clause: str, cue_start: int) -> bool:
    return len(re.findall(r"\w+", clause[:cue_start])) <= 2


def _role_speaker(clause: str, ctx: _Context) -> Speaker | None:
    match = _ROLE_WORD.search(clause)
    if not match or _PRONOUN.match(match.group(1)):
        return None
    role = next(r for r, words in _ROLES.items() if match.group(1).lower() in words)
    keys = _ROLE_IN_DIRECTORY[role]
    teams = [h.name for h in ctx.directory.scan(clause) if h.kind == "team" and h.name]
    people = [p for p in ctx.directory.people if any(k in p.role for k in keys)]
    if teams:
        by_team = [p for p in people if p.team in teams]
        if len(by_team) == 1:
            return Speaker(match.group().strip(), by_team[0].name, "role")
    named = [n for n in reversed(ctx.mentioned) if any(p.name == n for p in people)]
    if named:
        return Speaker(match.group().strip(), named[0], "role")
    return None


# --- 3. the article walk ---------------------------------------------------------------------

_Q_PREFIX = re.compile(r"^(?:D|Q|Domanda|Question)\s*[:.]\s+", re.IGNORECASE)
_A_PREFIX = re.compile(r"^(?:R|A|Risposta|Answer)\s*:\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”’]?\s+")
_MIN_WORDS = 4


@dataclass
class _Candidate:
    span: Span
    text: str
    question: str | None = None
    answer: bool = False


def extract_quotes(body: list[Line], *, title: str, said_on: dt.date | None,
                   directory: NameDirectory) -> list[QuoteRecord]:
    """The article's direct quotes, in order, with speaker, question, day, match and mentions."""
    paragraphs = [line.text for line in body]
    ctx = _Context(directory)
    candidates = _candidates(paragraphs)
    default, intro = _default_speaker(title, paragraphs, candidates, ctx)
    narration = _narration(title, paragraphs, candidates)
    records: list[QuoteRecord] = []
    previous: Speaker | None = None
    for position, cand in enumerate(candidates, start=1):
        _remember(paragraphs, cand, ctx)
        speaker = _attribute(cand, paragraphs, candidates, ctx, previous, default)
        previous = speaker if speaker and speaker.written else previous
        clauses = _clauses(cand, paragraphs, candidates)
        day = _said_on(said_on, " ".join(clauses) if not cand.answer else intro)
        records.append(QuoteRecord(
            position=position, line=body[cand.span.first].no, text=cand.text,
            speaker=speaker.written if speaker else None, person=speaker.person if speaker else None,
            question=cand.question, said_on=day,
            match=_match(speaker, said_on, clauses, paragraphs[cand.span.first], narration, ctx),
            mentions=_mentions(cand.text, directory), rule=speaker.rule if speaker else "none",
        ))
    return records


def _candidates(paragraphs: list[str]) -> list[_Candidate]:
    answers = _answer_paragraphs(paragraphs)
    found: list[_Candidate] = []
    for index, question in answers.items():
        if _A_PREFIX.match(paragraphs[index]):
            found.append(_prefixed_answer(paragraphs, index, question))
    prefixed = {c.span.first for c in found}
    for span in find_spans(paragraphs):
        if span.first in prefixed:
            continue
        text = span_text(span, paragraphs)
        answer = span.first in answers and not paragraphs[span.first][:span.start - 1].strip()
        if _is_quote(span, text, paragraphs, answer):
            found.append(_Candidate(span, text, answers.get(span.first) if answer else None, answer))
    return sorted(found, key=lambda c: (c.span.first, c.span.start))


def _prefixed_answer(paragraphs: list[str], index: int, question: str) -> _Candidate:
    text = _A_PREFIX.sub("", paragraphs[index])
    start = len(paragraphs[index]) - len(text)
    stripped = text.strip().strip("\"«»“”")
    span = Span(index, start, "", index, len(paragraphs[index]))
    return _Candidate(span, stripped.strip(), question, True)


def _answer_paragraphs(paragraphs: list[str]) -> dict[int, str]:
    """Paragraph index of each Q&A answer -> its question (only in an interview: two pairs or more)."""
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
    words = re.findall(r"[^\W_]+", text)
    if answer:
        return bool(words)
    if len(words) < _MIN_WORDS or all(w[:1].isupper() for w in words if len(w) > 3):
        return False
    before = paragraphs[span.first][:span.start - 1].rstrip()
    after = paragraphs[span.last][span.end + 1:] if span.closed else ""
    return _stands_as_speech(before) or _reported_after(after)


def _stands_as_speech(before: str) -> bool:
    if not before or before[-1] in ":.!?…—–-»”\"'’":
        return True
    last = re.findall(r"[\w']+", before.rstrip(","))
    return bool(last) and bool(_CUE.fullmatch(last[-1]))


def _reported_after(after: str) -> bool:
    head = re.match(r"^\s*[,;–—-]?\s*((?:\S+\s+){0,5}\S+)", after)
    return bool(head) and bool(_CUE.search(head.group(1))) if head else False


# --- speakers --------------------------------------------------------------------------------


def _clauses(cand: _Candidate, paragraphs: list[str], candidates: list[_Candidate]) -> tuple[str, str]:
    """The reporting text before the quote (its sentence) and after it (to the sentence end)."""
    span = cand.span
    text = paragraphs[span.first]
    start = max((c.span.end + 1 for c in candidates if c.span.last == span.first and c.span.end < span.start),
                default=0)
    before = text[start:max(span.start - 1, 0)]
    pieces = [p for p in _SENTENCE_END.split(before) if p.strip()]
    pre = pieces[-1] if pieces and not re.search(r"[.!?…][\"'»”’]?\s*$", before) else ""
    if not before.strip() and span.first > 0 and paragraphs[span.first - 1].rstrip().endswith(":"):
        previous = [p for p in _SENTENCE_END.split(paragraphs[span.first - 1]) if p.strip()]
        pre = previous[-1] if previous else ""
    post = ""
    if span.closed:
        tail = paragraphs[span.last][span.end + 1:]
        following = [m.pos for m in _marks(tail) if m.can_open]
        post = tail[:following[0]] if following else tail
        post = _SENTENCE_END.split(post, maxsplit=1)[0]
    return pre, post


def _attribute(cand: _Candidate, paragraphs: list[str], candidates: list[_Candidate], ctx: _Context,
               previous: Speaker | None, default: Speaker | None) -> Speaker | None:
    pre, post = _clauses(cand, paragraphs, candidates)
    for clause, after in ((post, True), (pre, False)):
        found = clause_speaker(clause, ctx, after_quote=after) if clause.strip() else None
        if found is _CARRY:
            return _carried(previous or default)
        if found is not None:
            return _remembered(found, ctx)
    if cand.answer:
        return default
    starts_paragraph = not paragraphs[cand.span.first][:max(cand.span.start - 1, 0)].strip()
    if starts_paragraph and previous is not None and _follows_quote(cand, candidates):
        return _carried(previous)
    return _carried(default) if default and starts_paragraph else None


def _follows_quote(cand: _Candidate, candidates: list[_Candidate]) -> bool:
    earlier = [c for c in candidates if c.span.last < cand.span.first]
    return bool(earlier) and earlier[-1].span.last >= cand.span.first - 1


def _carried(speaker: Speaker | None) -> Speaker | None:
    return Speaker(speaker.written, speaker.person, "carried") if speaker else None


def _remembered(speaker: Speaker, ctx: _Context) -> Speaker:
    if speaker.person:
        ctx.mentioned.append(speaker.person)
    return speaker


def _remember(paragraphs: list[str], cand: _Candidate, ctx: _Context) -> None:
    """Names met in the narration up to this quote: for roles and surnames."""
    text = paragraphs[cand.span.first][:cand.span.start]
    for hit in ctx.directory.scan(text):
        if hit.kind == "person" and hit.name:
            ctx.mentioned.append(hit.name)
    for match in _CAPITALISED.finditer(text):
        name = _trim_name(match.group(), text[:match.start()])
        if name and " " in name and not ctx.directory.scan(name):
            ctx.seen_names.append(name)


_INTRO = re.compile(
    r"(?:si\s+è\s+raccontat[oa]|si\s+racconta|intervista\s+(?:a|con)|interview\s+with|abbiamo\s+intervistato"
    r"|ha\s+parlato|spoke\s+to|sat\s+down\s+with|ha\s+risposto|answered|ai\s+microfoni|told)", re.IGNORECASE)


def _default_speaker(title: str, paragraphs: list[str], candidates: list[_Candidate],
                     ctx: _Context) -> tuple[Speaker | None, str]:
    """The interviewee: the name before a headline's colon or quote, else the subject of
    the lead's 'si è raccontato' / 'interview with'. Returns it and the lead sentence."""
    for paragraph in paragraphs[:3]:
        _collect_names(paragraph, ctx)
    head = re.split(r"[:«“\"]", title, maxsplit=1)[0]
    names = _names_in(head, ctx) if head != title else []
    found = next((sp for s, _e, sp in names if not _preceded_by_preposition(head, s)), None)
    named = clause_speaker(title, ctx, after_quote=False)
    if found is None and named is not None and named.rule == "named":
        found = named
    first_quote = candidates[0].span.first if candidates else len(paragraphs)
    for paragraph in paragraphs[:min(first_quote, 3)]:
        for sentence in _SENTENCE_END.split(paragraph):
            if _INTRO.search(sentence):
                lead = clause_speaker(sentence, ctx, after_quote=False)
                if found is None and lead is not None and lead.written:
                    found = lead
                return (Speaker(found.written, found.person, "interviewee") if found else None), sentence
    return (Speaker(found.written, found.person, "interviewee") if found else None), ""


def _collect_names(text: str, ctx: _Context) -> None:
    for match in _CAPITALISED.finditer(text):
        name = _trim_name(match.group(), text[:match.start()])
        if name and " " in name and not ctx.directory.scan(name):
            ctx.seen_names.append(name)


# --- days, matches, mentions -----------------------------------------------------------------

_SAID_DAY = re.compile(r"\b(l'altro\s+ieri|l’altro\s+ieri|altro\s+ieri|ieri|yesterday|last\s+night)\b",
                       re.IGNORECASE)
_ON_WEEKDAY = re.compile(r"\bon\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _said_on(article_day: dt.date | None, clause: str) -> dt.date | None:
    if article_day is None:
        return None
    match = _SAID_DAY.search(clause)
    if match:
        back = 2 if "altro" in match.group(1).lower() else 1
        return article_day - dt.timedelta(days=back)
    weekday = _ON_WEEKDAY.search(clause)
    if weekday and _CUE.search(clause):
        target = _WEEKDAYS.index(weekday.group(1).lower())
        return article_day - dt.timedelta(days=(article_day.weekday() - target) % 7)
    return article_day


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


def _match(speaker: Speaker | None, article_day: dt.date | None, clauses: tuple[str, str], paragraph: str,
           narration: str, ctx: _Context) -> Fixture | None:
    if article_day is None:
        return None
    team = ctx.directory.team_of(speaker.person) if speaker else None
    for text in (*clauses, paragraph, narration):
        day_word = _MATCH_DAY.search(text)
        if day_word:
            offset = _MATCH_OFFSET.get(re.sub(r"\s+", " ", day_word.group(1).lower()), 0)
            found = _fixture_on(ctx.directory, team, narration, article_day, offset)
            if found:
                return found
            break
    return _fixture_against(ctx.directory, team, narration, article_day)


def _teams_named(text: str, directory: NameDirectory) -> list[str]:
    return list(dict.fromkeys(h.name for h in directory.scan(text) if h.kind == "team" and h.name))


def _fixture_on(directory: NameDirectory, team: str | None, narration: str, day: dt.date,
                offset: int) -> Fixture | None:
    target = day + dt.timedelta(days=offset)
    for fixture in _candidates_for(directory, team, narration):
        if fixture.date == target:
            return fixture
    if offset > 0:
        upcoming = [f for f in _candidates_for(directory, team, narration) if day < f.date <= day + _WINDOW]
        return upcoming[0] if upcoming else None
    return None


def _candidates_for(directory: NameDirectory, team: str | None, narration: str) -> Iterator[Fixture]:
    if team:
        yield from directory.fixtures_of(team)
        return
    named = _teams_named(narration, directory)
    for name in named:
        yield from (f for f in directory.fixtures_of(name) if f.home in named and f.away in named)


def _fixture_against(directory: NameDirectory, team: str | None, narration: str,
                     day: dt.date) -> Fixture | None:
    named = set(_teams_named(narration, directory))
    near = [f for f in _candidates_for(directory, team, narration)
            if abs(f.date - day) <= _WINDOW and ({f.home, f.away} - {team}) & named]
    if team is None:
        near = [f for f in near if {f.home, f.away} <= named]
    return min(near, key=lambda f: (abs(f.date - day), f.date < day)) if near else None


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
