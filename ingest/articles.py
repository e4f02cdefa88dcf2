"""An article page saved as plain text -> metadata and the article's own text.

A browser's "save as text" keeps the site around the article: menus, team
lists, other headlines (often quoting other people), "most read" lists, radio
schedules, footers. Each line is classified the way jusText classifies blocks
(prose, short, furniture); the article is the largest run of prose lines, with
the short lines between them, cut at the first end-of-article marker
('© Riproduzione riservata', 'Related', 'Comments (3)', ...) except a short
'Read more' box that the article's prose goes on after. Title, author and date
come from the lines just above it.

Dates: absolute ('28 agosto 2025', '05/11/2025 21:40', '2025-11-05'), relative
('Oggi alle 10:00', 'Yesterday 18:30', '3 giorni fa') resolved against a
reference date the caller gives or the page states elsewhere. Times are local
to the outlet (Italian pages: Europe/Rome, English: Europe/London) unless the
page names a zone. A day-precision date is stored as that day at 00:00 UTC.
"""

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ingest.errors import InputError
from models.vocabulary import DatePrecision

# A page saved as text is tens of kilobytes; far bigger files are not an article page (and
# would keep an upload busy for minutes), so they are refused before being read.
MAX_BYTES = 5 * 1024 * 1024
MAX_ARTICLE_CHARS = 400_000  # the longest long-read is a tenth of this


def split_words(text: str) -> list[str]:
    """A word list written as one string, for the lexicons below."""
    return text.split()

_QUOTES = "\"'«»“”„‘’‹›"
_CLOSERS = "\"'»”’›)]"

# --- reading bytes ---------------------------------------------------------------------------


def read_page_file(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """The decoded text of a page file and any warnings; refuses a file over `max_bytes`
    before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), None, None, f"expected a readable file ({exc.strerror})") from exc
    if size > max_bytes:
        raise InputError(str(path), None, None, f"the file is {size / 2**20:.1f} MB; an article page saved "
                         f"as text is expected to be under {max_bytes / 2**20:.0f} MB — is this the right file?")
    return decode_page(path.read_bytes(), str(path), max_bytes)


def decode_page(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """UTF-8 text, else Windows-1252 or Latin-1 with a warning. Empty, oversized or binary
    input raises InputError."""
    if len(data) > max_bytes:
        raise InputError(name, None, None, f"the file is {len(data) / 2**20:.1f} MB; an article page saved "
                         f"as text is expected to be under {max_bytes / 2**20:.0f} MB — is this the right file?")
    if not data.strip():
        raise InputError(name, None, None, "the file is empty; expected the text of an article page")
    if _looks_binary(data):
        raise InputError(name, None, None, "this is not text (binary content); save the page as plain "
                         "text (in the browser: Save as… → Text) and import that file")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1"
    return text, [f"{name} is not UTF-8; it was read as {encoding} — check accented letters"]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def normalise_text(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces, no leading or trailing blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def content_hash(text: str) -> str:
    """Same page, same hash, whatever its encoding, line ends or trailing spaces."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


# --- the page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line of the source file
    text: str


@dataclass
class PageDate:
    raw: str | None = None
    utc: dt.datetime | None = None  # aware, UTC; midnight UTC of the day when precision is 'day'
    precision: DatePrecision = DatePrecision.NONE
    local_day: dt.date | None = None  # the calendar day at the outlet


@dataclass
class ParsedPage:
    title: str
    author: str | None
    date: PageDate
    outlet: str | None
    language: str
    url: str | None
    body: list[Line]  # the article's paragraphs, with their source lines
    title_line: int | None
    warnings: list[str] = field(default_factory=list)

    @property
    def main_text(self) -> str:
        return "\n\n".join(line.text for line in self.body)


def parse_page(text: str, *, reference_date: dt.date | None = None, outlet: str | None = None,
               url: str | None = None) -> ParsedPage:
    lines = split_lines(text)
    kinds = classify(lines)
    start, end = body_span(lines, kinds)
    body = [line for line, kind in zip(lines[start:end], kinds[start:end], strict=True)
            if kind not in ("blank", "bad")]
    header = [line for line, kind in zip(lines[:start], kinds[:start], strict=True)
              if kind != "blank" and not (kind == "bad" and _in_list(line, lines, kinds))]
    language = detect_language(" ".join(line.text for line in body) or text)
    title, title_line = find_title(header, body)
    warnings: list[str] = []
    date = find_page_date(text.splitlines()[:3], lines, header, language, reference_date, warnings)
    if not body:
        warnings.append("no article text was recognised on the page")
    return ParsedPage(title=title, author=find_author(header, title_line), date=date,
                      outlet=outlet or guess_outlet(url, lines), language=language, url=url,
                      body=body, title_line=title_line, warnings=warnings)


_DATE_PREFIX = re.compile(r"^\s*(?:date|data)\s*:?\s*(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?\s+(?=\S)",
                          re.IGNORECASE)


def _in_list(line: Line, lines: list[Line], kinds: list[str]) -> bool:
    """A furniture line that is a list header or sits under one."""
    for index in range(line.no - 1, -1, -1):
        if not lines[index].text:
            return False
        if _LIST_HEADER.match(lines[index].text):
            return True
    return False


def split_lines(text: str) -> list[Line]:
    """Lines numbered as in the file; a leading 'date 2025-11-05' is cut off the text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for no, raw in enumerate(text.split("\n"), start=1):
        out.append(Line(no, _DATE_PREFIX.sub("", raw).strip()))
    return out


# --- line classification ---------------------------------------------------------------------

_STRONG_FURNITURE = re.compile(
    r"©|\bcopyright\b|riproduzione riservata|tutti i diritti riservati|all rights reserved|\bcookie|"
    r"\bp\.\s?iva\b|partita iva|privacy policy", re.IGNORECASE)
_WEAK_FURNITURE = re.compile(
    r"^(?:leggi anche|leggi l'articolo|articoli correlati|altre notizie|le più lette|i più letti|più lett[ie]|"
    r"ultime notizie|ultim'ora|potrebbe interessarti|ti potrebbe interessare|iscriviti|newsletter|abbonati|"
    r"seguici|segui\b|condividi|pubblicità|ora in radio|primo piano|in partnership with|read more|read next|"
    r"related|most read|most popular|advertisement|sign up|subscribe|share this|share on|follow us|trending|"
    r"you may also like|more from|more on this|download|podcast|app\b|menu\b|home\b|contatti|redazione|"
    r"foto\b|photo\b|immagine|image|video\b|scarica|accedi|log in|login|registrati|top news|editoriale|"
    r"advertisement|sponsored|sponsor|watch\b|listen\b|ascolta)", re.IGNORECASE)
_END_MARKERS = re.compile(
    r"©|riproduzione riservata|tutti i diritti riservati|all rights reserved|^articoli correlati|"
    r"^related (?:articles|stories|content)|^le più lette|^most read|^more from|^read more\b|"
    r"^you may also like|^potrebbe interessarti|^altre notizie|"
    # readers' comments: 'Comments (3)', 'COMMENTI (12)', '3 commenti', 'Lascia un commento'
    r"^(?:\d+\s+)?(?:comments?|commenti)(?:\s*\(\d+\))?\s*:?$|"
    r"^(?:lascia un commento|leave a (?:comment|reply)|add a comment|join the conversation)\b",
    re.IGNORECASE)
# A newsletter or sign-up box: the lines under its header that are not prose, to the next
# blank line, are furniture ('Ogni mattina le notizie nella tua casella. Inserisci la tua email').
_BOX_HEADER = re.compile(r"\bnewsletter\b|^(?:iscriviti|sign up|subscribe)\b", re.IGNORECASE)
# A box of links inside the article: the article goes on after it.
_INLINE_BOX = re.compile(r"^(?:read more|read next|also read|leggi anche|leggi pure)\s*:?$", re.IGNORECASE)
_BOX_LINES = 4
_GLUED = re.compile(r"[a-zà-ÿ][A-Z]")
_SEPARATORS = re.compile(r"\s[|•>/]\s|\s·\s")
_LIST_ITEM = re.compile(r"^\d{1,2}[.)]?\s+\S")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
PROSE_WORDS = 8


def ends_sentence(text: str) -> bool:
    t = text.rstrip()
    while t and t[-1] in _CLOSERS:
        t = t[:-1].rstrip()
    return bool(t) and t[-1] in ".!?…"


def is_menu(text: str) -> bool:
    words = text.split()
    return (any(len(w) > 25 for w in words) or len(_GLUED.findall(text)) >= 2
            or len(_SEPARATORS.findall(f" {text} ")) >= 2)


def line_kind(text: str) -> str:
    """'blank', 'bad' (furniture), 'good' (prose), 'near' (a short sentence) or 'short'."""
    if not text:
        return "blank"
    words = len(_WORDS.findall(text))
    if _STRONG_FURNITURE.search(text) or is_menu(text):
        return "bad"
    if words <= 12 and _WEAK_FURNITURE.search(text):
        return "bad"
    if _LIST_ITEM.match(text) and not ends_sentence(text):
        return "bad"
    if words <= 10 and DATE_ANYWHERE.search(text) and not ends_sentence(text):
        return "bad"
    if ends_sentence(text):
        return "good" if words >= PROSE_WORDS else "near"
    return "short"


_LIST_HEADER = re.compile(
    r"^(?:leggi anche|articoli correlati|altre notizie|le più lette|i più letti|più lett[ie]|ultime notizie|"
    r"ultim'ora|potrebbe interessarti|ti potrebbe interessare|primo piano|related(?: stories| articles)?|"
    r"read more|read next|most read|most popular|most viewed|more from.*|you may also like|trending|"
    r"top news|latest news|latest)\s*:?$", re.IGNORECASE)


def classify(lines: list[Line]) -> list[str]:
    """Each line's kind; the lines under a list header ('Ultime notizie', 'Related') up to
    the next blank line are furniture whatever they look like, and so are the lines under a
    newsletter box's header up to the first prose line."""
    kinds = [line_kind(line.text) for line in lines]
    in_list = in_box = False
    for i, line in enumerate(lines):
        if not line.text:
            in_list = in_box = False
        elif _LIST_HEADER.match(line.text):
            in_list, kinds[i] = True, "bad"
        elif kinds[i] == "bad" and _BOX_HEADER.search(line.text):
            in_box = True
        elif in_list or (in_box and kinds[i] != "good"):
            kinds[i] = "bad"
        else:
            in_box = False
    return kinds


def body_span(lines: list[Line], kinds: list[str]) -> tuple[int, int]:
    """Index range of the article: the run of prose with most text, cut at an end marker."""
    best, best_score = (0, 0), 0
    i = 0
    while i < len(lines):
        if kinds[i] != "good":
            i += 1
            continue
        end, score = _run_from(lines, kinds, i)
        if score > best_score:
            best, best_score = (i, end), score
        i = end
    start, end = best
    while end < len(lines) and kinds[end] in ("near", "blank") and not _END_MARKERS.search(lines[end].text):
        end += 1
    return start, end


def _run_from(lines: list[Line], kinds: list[str], start: int, max_gap: int = 3) -> tuple[int, int]:
    """End (exclusive) and score of the prose run starting at `start`. A short 'Read more'
    box that prose follows is stepped over; any other end marker ends the run."""
    end, score, gap = start, 0, 0
    i = start
    while i < len(lines):
        if _END_MARKERS.search(lines[i].text):
            after = _after_inline_box(lines, kinds, i)
            if after is None:
                break
            i = after
            continue
        if kinds[i] == "good":
            end, score, gap = i + 1, score + len(lines[i].text), 0
        elif kinds[i] != "blank":
            gap += 1
            if gap > max_gap:
                break
        i += 1
    return end, score


def _after_inline_box(lines: list[Line], kinds: list[str], header: int) -> int | None:
    """Where the article goes on after a box of links inside it ('Read more' and a few
    headlines, then a blank line, then a paragraph); None when the marker ends the article."""
    if not _INLINE_BOX.match(lines[header].text):
        return None
    i = header + 1
    while i < len(lines) and lines[i].text:
        i += 1
    if i - header > _BOX_LINES:
        return None
    while i < len(lines) and not lines[i].text:
        i += 1
    if i < len(lines) and kinds[i] == "good" and not _END_MARKERS.search(lines[i].text):
        return i
    return None


# --- metadata --------------------------------------------------------------------------------

_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_BYLINE = re.compile(rf"^(?i:di|by|a cura di|autore:?|author:?|(?:written|words|text|interview|reporting) by)"
                     rf"\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})")
_BARE_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+(?:de|di|da|del|van|von|der|dos|le|la)?\s*{_NAME_WORD}){{1,3}}$")
_RUN_IN_HEADING = re.compile(r"^([^.!?:«»\"“”]{10,100}?)\s+[—–]\s+\S")


def find_title(header: list[Line], body: list[Line]) -> tuple[str, int | None]:
    """The first headline-like line above the article that a byline or a date follows
    (within three lines), preferring one in the same block of lines as a byline or a
    date (no blank line between: a ticker or a menu above is not the headline); else the
    first headline-like line; else a run-in heading ('Inter-Kairat, le parole di X —
    ...'); else the article's first sentence."""
    recent = header[-10:]
    candidates = [i for i, line in enumerate(recent) if _headline_like(line.text)]
    signed = [i for i in candidates if any(_is_byline(x.text) or _date_line(x) for x in recent[i + 1:i + 4])]
    in_block = [i for i in signed if any(_is_byline(x.text) or _date_line(x) for x in _block_near(recent, i))]
    if signed or candidates:
        chosen = (in_block or signed or candidates)[0]
        return recent[chosen].text, recent[chosen].no
    for line in body[:3]:
        match = _RUN_IN_HEADING.match(line.text)
        if match:
            return match.group(1).strip(), line.no
    first = re.split(r"(?<=[.!?])\s", body[0].text, maxsplit=1)[0] if body else "(untitled)"
    return first[:120], body[0].no if body else None


def _block_near(lines: list[Line], index: int, reach: int = 3) -> list[Line]:
    """The lines within `reach` of `index`, before and after it, with no blank line between
    (the file's numbering has no gap)."""
    near: list[Line] = []
    for step in (-1, 1):
        previous, i = lines[index].no, index + step
        while 0 <= i < len(lines) and abs(i - index) <= reach and abs(lines[i].no - previous) == 1:
            near.append(lines[i])
            previous, i = lines[i].no, i + step
    return near


def _headline_like(text: str) -> bool:
    words = _WORDS.findall(text)
    if len(words) < 4 or is_menu(text) or _STRONG_FURNITURE.search(text) or DATE_ANYWHERE.search(text) \
            or _date_line(Line(0, text)):
        return False
    if _is_byline(text) or (len(words) <= 12 and _WEAK_FURNITURE.search(text)):
        return False
    # 'Lazurna Valmora Montefosco Sarvento', 'Northgate United FC - Official Website': a menu or a masthead
    bare = not re.search(r"[,:;!?«»“”\"'‘’]", text)
    return not (bare and len(words) <= 6 and all(w[:1].isupper() or w.isdigit() for w in words))


def _is_byline(text: str) -> bool:
    return bool(_BYLINE.match(text)) or _is_bare_name(text)


def find_author(header: list[Line], title_line: int | None) -> str | None:
    for line in header[-10:]:
        if line.no == title_line:
            continue
        match = _BYLINE.match(line.text)
        if match and not _DESK.match(match.group(1)):
            return _clean_author(match.group(1))
    after = [line for line in header if title_line is not None and line.no > title_line]
    for line in after[:4]:
        if _is_bare_name(line.text):
            return line.text
    return None


_NOT_NAMES = re.compile(r"\b(?:esclusiva|exclusive|breaking|live|news|sport|calcio|football|serie|league|"
                        r"redazione|video|foto|home|tmw)\b", re.IGNORECASE)


def _is_bare_name(text: str) -> bool:
    return bool(_BARE_NAME.match(text)) and not _NOT_NAMES.search(text) and not DATE_ANYWHERE.search(text)


_DESK = re.compile(r"^(?:redazione|staff|desk|newsroom|sport desk)\b", re.IGNORECASE)


def _clean_author(name: str) -> str:
    return str(re.split(r"\s*[|,·–—-]\s*|\s+\d", name)[0]).strip()


_OUTLETS = {
    "tuttomercatoweb": "TuttoMercatoWeb", "tmw": "TuttoMercatoWeb", "internews24": "Inter News 24",
    "inter news 24": "Inter News 24", "fcinternews": "FCInterNews", "fcinter1908": "FCInter1908",
    "gazzetta": "La Gazzetta dello Sport", "corrieredellosport": "Corriere dello Sport",
    "skysports": "Sky Sports", "sky sport": "Sky Sport", "bbc": "BBC Sport", "theguardian": "The Guardian",
    "espn": "ESPN",
}


def guess_outlet(url: str | None, lines: list[Line]) -> str | None:
    """The outlet from the URL's domain, or from a known name in the page's first lines."""
    if url:
        host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0].removeprefix("www.")
        for key, name in _OUTLETS.items():
            if key.replace(" ", "") in host:
                return name
        return host or None
    for line in lines[:3]:
        known = _OUTLETS.get(line.text.strip().lower())
        if known:
            return known
    return None


# --- language --------------------------------------------------------------------------------

_IT_WORDS = frozenset(
    split_words("il lo la i gli le di del della dei delle che è e non per una un con nel nella sono ha anche al alla "
    "questo questa come più ma ci si da dal dalla sul sulla abbiamo siamo perché molto stato essere "
    "sua suo loro noi hanno tra dopo"))
_EN_WORDS = frozenset(
    split_words("the and of to a in is that it for was on with as his he at by be this have from are we our not "
    "but they has were had their been will would said there who after about"))


def detect_language(text: str) -> str:
    words = [w.lower() for w in _WORDS.findall(text[:20000])]
    italian = sum(w in _IT_WORDS for w in words)
    english = sum(w in _EN_WORDS for w in words)
    return "en" if english > italian else "it"


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    **{m: i for i, m in enumerate(split_words("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre "
                                    "ottobre novembre dicembre"), 1)},
    **{m: i for i, m in enumerate(split_words("january february march april may june july august september october "
                                    "november december"), 1)},
    **{m: i for i, m in enumerate(split_words("gen feb mar apr mag giu lug ago set ott nov dic"), 1)},
    **{m: i for i, m in enumerate(split_words("jan feb mar apr may jun jul aug sep oct nov dec"), 1)},
    "sept": 9,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# The time after a date: '12:30', ', 12:30', ' - ore 13:00', ', ore 15:40', 'alle ore 9', ' at 7:45 pm'.
_TIME = (r"(?:\s*(?:[,\-–·|]\s*)?(?:(?:alle\s+ore|alle|ore|at|h\.?)\s*)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})"
         r"(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?")
# A time written before the date: 'Published 16:05, 12 December 2025', '10:20 - 8 dicembre 2025'.
_TIME_FIRST = re.compile(r"^(?P<h>\d{1,2})[:.](?P<mi>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?\s*[,\-–·|]?\s*$",
                         re.IGNORECASE)
_ZONE = r"(?:\s*(?P<zone>GMT|UTC|BST|CET|CEST|Z|[+-]\d{2}:?\d{2}))?"
_ABSOLUTE = [
    re.compile(r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?)?"
               + _ZONE),
    re.compile(r"\b(?P<d>\d{1,2})[/.](?P<mo>\d{1,2})[/.](?P<y>\d{4})" + _TIME + _ZONE),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|°|º)?\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})" + _TIME + _ZONE,
               re.IGNORECASE),
    re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})" + _TIME + _ZONE,
               re.IGNORECASE),
]
_RELATIVE = re.compile(
    r"^(?P<word>oggi|ieri|l'altro ieri|altro ieri|today|yesterday)\b" + _TIME + _ZONE
    + r"|^(?P<n>\d{1,2})\s+(?P<unit>ore|ora|minuti|min|giorni|giorno|hours?|hrs?|minutes?|mins?|days?)\s+(?:fa|ago)\b",
    re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"^[\W_]*(?:(?:pubblicato|aggiornato|ultimo aggiornamento|published|updated|last updated|posted|date|data)"
    r"(?:\s+(?:il|on|at|alle))?\s*:?\s*)?", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"^(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|lun|mar|mer|gio|ven|sab|dom|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+",
    re.IGNORECASE)
DATE_ANYWHERE = re.compile("|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in _ABSOLUTE), re.IGNORECASE)
_ZONES = {"it": ZoneInfo("Europe/Rome"), "en": ZoneInfo("Europe/London")}
_DAYS_AGO = {"oggi": 0, "today": 0, "ieri": 1, "yesterday": 1, "l'altro ieri": 2, "altro ieri": 2}


@dataclass
class _Found:
    raw: str
    day: dt.date | None
    time: dt.time | None
    zone: str | None
    relative_days: int | None = None  # set when the date is relative to the reference


def parse_date_text(text: str) -> _Found | None:
    """The date a date line states, absolute or relative (then `day` is None)."""
    rest = _WEEKDAY.sub("", _DATE_LABEL.sub("", text, count=1).lstrip("·•|- "), count=1)
    rel = _RELATIVE.match(rest)
    if rel:
        return _relative(rel)
    for pattern in _ABSOLUTE:
        match = pattern.search(rest)
        if match:
            found = _absolute(match)
            first = _TIME_FIRST.match(rest[:match.start()])
            if found is not None and found.time is None and first:
                found.time = _time(first.groupdict())
            return found
    return None


def _relative(match: re.Match[str]) -> _Found:
    groups = match.groupdict()
    if groups["word"]:
        days = _DAYS_AGO[groups["word"].lower()]
        return _Found(match.group().strip(), None, _time(groups), groups["zone"], days)
    unit, n = groups["unit"].lower(), int(groups["n"])
    days = n if unit.startswith(("giorn", "day")) else 0
    return _Found(match.group().strip(), None, None, None, days)


def _absolute(match: re.Match[str]) -> _Found | None:
    groups = match.groupdict()
    month = int(groups["mo"]) if groups.get("mo") else _MONTHS[groups["mon"].lower()]
    try:
        day = dt.date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None
    return _Found(match.group().strip(" ,-|"), day, _time(groups), groups.get("zone"))


def _time(groups: dict[str, str | None]) -> dt.time | None:
    if not groups.get("h"):
        return None
    hour, minute = int(groups["h"] or 0), int(groups["mi"] or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def _date_line(line: Line) -> _Found | None:
    if not line.text or len(_WORDS.findall(line.text)) > 16:
        return None
    if ends_sentence(line.text) and len(_WORDS.findall(line.text)) > 8:
        return None
    return parse_date_text(line.text)


_RAW_PREFIX = re.compile(r"^\s*(?:date|data)\s*:?\s*(\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?)",
                         re.IGNORECASE)


def find_page_date(raw_lines: list[str], lines: list[Line], header: list[Line], language: str,
                   reference: dt.date | None, warnings: list[str]) -> PageDate:
    """The publication date: a leading 'date …', else the first date line above the article,
    else the first anywhere on the page."""
    found = _leading_date(raw_lines) or _first_date(header) or _first_date(lines)
    if found is None:
        if reference is not None:
            warnings.append(f"the page states no date; the given date {reference.isoformat()} is used")
            return PageDate(None, dt.datetime.combine(reference, dt.time(), dt.UTC), DatePrecision.DAY, reference)
        warnings.append("the page states no publication date; pass a date to set one")
        return PageDate()
    if found.relative_days is not None:
        reference = reference or _page_reference(lines, warnings)
        if reference is None:
            warnings.append(f"the page's date {found.raw!r} is relative and no reference date was given; "
                            "pass the date the page was saved on")
            return PageDate(raw=found.raw)
        found.day = reference - dt.timedelta(days=found.relative_days)
    return _page_date(found, language)


def _leading_date(raw_lines: list[str]) -> _Found | None:
    for raw in raw_lines[:3]:
        match = _RAW_PREFIX.match(raw)
        if match:
            return parse_date_text(match.group(1))
    return None


def _first_date(lines: list[Line]) -> _Found | None:
    for line in lines:
        found = _date_line(line)
        if found:
            return found
    return None


def _page_reference(lines: list[Line], warnings: list[str]) -> dt.date | None:
    for line in lines:
        found = _date_line(line)
        if found and found.day:
            warnings.append(f"relative date resolved against {found.day.isoformat()} (line {line.no})")
            return found.day
    return None


def _page_date(found: _Found, language: str) -> PageDate:
    assert found.day is not None
    if found.time is None:
        return PageDate(found.raw, dt.datetime.combine(found.day, dt.time(), dt.UTC), DatePrecision.DAY,
                        found.day)
    zone = _zone(found.zone, language)
    local = dt.datetime.combine(found.day, found.time, tzinfo=zone)
    utc = local.astimezone(dt.UTC)
    return PageDate(found.raw, utc, DatePrecision.MINUTE, found.day)


def _zone(name: str | None, language: str) -> dt.tzinfo:
    if not name:
        return _ZONES.get(language, _ZONES["it"])
    name = name.upper()
    if name in ("GMT", "UTC", "Z"):
        return dt.UTC
    if name in ("BST", "CET"):
        return dt.timezone(dt.timedelta(hours=1))
    if name == "CEST":
        return dt.timezone(dt.timedelta(hours=2))
    sign = 1 if name[0] == "+" else -1
    digits = name[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
