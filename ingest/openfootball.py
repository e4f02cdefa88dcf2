"""Parser for openfootball's Football.TXT match files (CC0): the UEFA club
competitions in `champions-league/<season>/{cl,clq,el,elq,conf,confq}.txt`.

A file looks like this::

    = UEFA Champions League - Quali 2025/26
    # Date       Tue Jul/8 - Wed Aug/27 2025 (50d)
    # Matches    92

    » 1. Round
      Tue Jul/8 2025
        18.00  Olimpija Ljubljana (SVN) v FK Kairat (KAZ)  1-1 (0-0)
               FC Noah (ARM)  v FK Budućnost Podgorica (MNE)  1-0 (0-0)
      Wed Jul/9
        ...

Results are written `FT (HT)`, `AET a.e.t. (90', HT)`, `AET a.e.t. (90')` and
`PENS pen. AET a.e.t. (90', HT)`; a fixture without a result is scheduled,
`[cancelled]` and `[awarded]` mark the two special outcomes.

The parser is strict: a line it does not understand raises `InputError` naming
the file, the line number and what a valid line looks like. It never skips a
line silently, because a skipped line is a missing match nobody notices.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import InputError
from ingest.records import ParsedMatch
from models.vocabulary import MatchStatus, Stage

MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
COMPETITIONS = ("cl", "clq", "el", "elq", "conf", "confq")

# --- line shapes ------------------------------------------------------------------------------

_DATE_TEXT = (r"(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(?P<month>[A-Z][a-z]{2})/(?P<day>\d{1,2})"
              r"(?:\s+(?P<year>\d{4}))?")
_DATE_ONLY = re.compile(rf"{_DATE_TEXT}")
_TITLE = re.compile(r"^=\s*(?P<name>.*?)\s*(?P<first>\d{4})/(?P<second>\d{2}|\d{4})\s*$")
_DATE_HEADER = re.compile(r"^#\s*Date\s+(?P<start>.+?)(?:\s+-\s+(?P<end>.+?))?(?:\s+\(\d+d\))?\s*$")
_MATCHES_HEADER = re.compile(r"^#\s*Matches\s+(?P<count>\d+)\s*$", re.MULTILINE)
_ROUND_HEADER = re.compile(r"^»\s*(?P<label>\S.*?)\s*$")
_DATE_LINE = re.compile(rf"^\s*{_DATE_TEXT}\s*$")
_TIME_LINE = re.compile(r"^\s*(?P<hour>\d{1,2})[.:](?P<minute>\d{2})\s*$")
# A team is a name followed by its three-letter country code; requiring the code
# means a line cut off inside the away team's name does not pass for a fixture.
_TEAM = r"\S.*?\([A-Z]{3}\)"
_MATCH_LINE = re.compile(
    rf"^\s*(?:(?P<hour>\d{{1,2}})[.:](?P<minute>\d{{2}})\s+)?"
    rf"(?P<home>{_TEAM})\s+v\s+(?P<away>{_TEAM})(?:\s+(?P<result>\S.*?))?\s*$"
)
_RESULT = re.compile(
    r"(?:(?P<pens_home>\d+)-(?P<pens_away>\d+)\s+pen\.\s+)?"
    r"(?P<home>\d+)-(?P<away>\d+)"
    r"(?P<aet>\s+a\.e\.t\.)?"
    r"(?:\s+\((?P<first_home>\d+)-(?P<first_away>\d+)(?:,\s*(?P<second_home>\d+)-(?P<second_away>\d+))?\))?"
    r"(?:\s+\[(?P<tag>awarded)\])?"
)
_CANCELLED = re.compile(r"\[cancelled\]")
# Group definitions ('Group A  |  Team (AAA)  Team (BBB) ...') name the group of
# each team, which lets 'Group, Matchday 3' sections carry a group letter.
_GROUP_LINE = re.compile(r"^Group\s+(?P<group>[A-Z])\s*\|\s*(?P<teams>\S.*?)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_EXAMPLES = {
    "match": "a match like '18.00  FK Kairat (KAZ)  v  Celtic FC (SCO)  1-0 (0-0)' "
             "(time optional; result optional, or '2-1 a.e.t. (1-1, 0-0)', '4-3 pen. 1-1 a.e.t. (1-1, 0-1)', "
             "'3-0 [awarded]', '[cancelled]')",
    "line": "a title ('= UEFA Champions League 2025/26'), a '#' header, a round ('» League, Matchday 1'), "
            "a date ('Tue Jul/8 2025' or 'Wed Jul/9'), a kick-off time ('18.00') or a match "
            "('18.00  FK Kairat (KAZ)  v  Celtic FC (SCO)  1-0 (0-0)')",
}

# --- round headers ------------------------------------------------------------------------------

_QUALIFYING_ROUND = re.compile(
    r"^(?:(?P<a>[1-3])\.\s*(?:qualifying\s+)?round|(?:qualifying\s+)?round\s+(?P<b>[1-3])"
    r"|(?P<c>first|second|third)\s+qualifying\s+round)$")
_PLAYOFFS = re.compile(r"^(?P<knockout>knockout\s+(?:round\s+)?)?(?:qualifying\s+)?play-?offs?(?:\s+round)?$")
_GROUP = re.compile(r"^(?:group|gruppe)(?:\s+(?P<group>[A-Z]))?$", re.IGNORECASE)
_LEAGUE = re.compile(r"^league(?:\s+phase|\s+stage)?$")
_KNOCKOUT_ROUNDS: dict[str, tuple[Stage, str]] = {
    "round of 32": (Stage.ROUND_OF_32, "R32"), "sechzehntelfinale": (Stage.ROUND_OF_32, "R32"),
    "round of 16": (Stage.ROUND_OF_16, "R16"), "achtelfinale": (Stage.ROUND_OF_16, "R16"),
    "quarterfinals": (Stage.QUARTER_FINAL, "QF"), "quarter-finals": (Stage.QUARTER_FINAL, "QF"),
    "viertelfinale": (Stage.QUARTER_FINAL, "QF"),
    "semifinals": (Stage.SEMI_FINAL, "SF"), "semi-finals": (Stage.SEMI_FINAL, "SF"),
    "halbfinale": (Stage.SEMI_FINAL, "SF"),
    "final": (Stage.FINAL, "F"), "finale": (Stage.FINAL, "F"),
}
_SUFFIX = re.compile(r"^(?P<head>.*?),\s*(?:matchday|leg)\s+(?P<number>\d{1,2})$")
# 'Finals, Round of 16': the 'Finals' part names the phase, the round follows it.
_PHASE_PREFIX = re.compile(r"^(?:finals|knockout\s+(?:phase|stage))\s*,\s*")
# Rounds played over two legs; the other rounds are one match per pairing.
_TWO_LEGGED = {Stage.QUALIFYING, Stage.KNOCKOUT_PLAYOFF, Stage.ROUND_OF_32, Stage.ROUND_OF_16,
               Stage.QUARTER_FINAL, Stage.SEMI_FINAL}
_MAX_MATCHDAY = {Stage.GROUP: 6, Stage.LEAGUE: 8}


@dataclass(frozen=True)
class _Section:
    """One '» ...' header: the stage and round that the following matches belong to."""

    label: str
    stage: Stage
    round: str | None  # None: the matchday follows from each team's order of matches
    group: str | None = None
    leg: int | None = None  # stated by 'Playoffs, Matchday 2'


@dataclass(frozen=True)
class _Result:
    home_goals: int | None = None
    away_goals: int | None = None
    home_goals_ht: int | None = None
    away_goals_ht: int | None = None
    extra_time: bool = False
    home_pens: int | None = None
    away_pens: int | None = None
    status: MatchStatus = MatchStatus.SCHEDULED


@dataclass(frozen=True)
class _Row:
    """A match line as read, before matchdays and legs are worked out."""

    section: _Section
    line_no: int
    line: str
    date: dt.date
    time: dt.time | None
    home: str
    away: str
    result: _Result


@dataclass
class _State:
    source_file: str
    competition: str | None = None
    season: str | None = None
    season_range: tuple[dt.date, dt.date] | None = None
    section: _Section | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    seen_group_or_league: bool = False
    groups: dict[str, str] = field(default_factory=dict)  # team -> group letter
    rows: list[_Row] = field(default_factory=list)
    seen: dict[tuple[str, str, str, dt.date], int] = field(default_factory=dict)
    declared: tuple[int, int] | None = None  # (count, line number) of '# Matches'


# --- public API ---------------------------------------------------------------------------------

def parse_football_txt(text: str, *, source_file: str) -> list[ParsedMatch]:
    """Every match in a Football.TXT file, in file order.

    Raises `InputError` for any line that is not a title, header, round, date,
    time or match line; for a match before the first date line or round header;
    for a match listed twice (same round, teams and date); and when the count of
    matches differs from the file's own '# Matches' header (a truncated file).
    """
    state = _State(source_file=source_file)
    for line_no, line in _lines(text):
        _read_line(state, line_no, line)
    _check_declared_count(state)
    return _finish(state)


def parse_football_txt_file(path: Path, *, source_file: str | None = None) -> list[ParsedMatch]:
    """Read `path` as strict UTF-8 and parse it; `source_file` defaults to the path as given."""
    name = source_file if source_file is not None else str(path)
    return parse_football_txt(decode_text(path.read_bytes(), source_file=name), source_file=name)


def declared_match_count(text: str) -> int | None:
    """The '# Matches  N' header of a file, or None when it has none."""
    found = _MATCHES_HEADER.search(text.replace("\r\n", "\n"))
    return int(found.group("count")) if found else None


def decode_text(data: bytes, *, source_file: str) -> str:
    """Strict UTF-8 (a leading byte-order mark is dropped); anything else is an InputError
    that names the line holding the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_no = data.count(b"\n", 0, error.start) + 1
        start = data.rfind(b"\n", 0, error.start) + 1
        end = data.find(b"\n", error.start)
        line = data[start:end if end >= 0 else len(data)].decode("utf-8", errors="replace")
        raise InputError(source_file, line_no, line,
                         f"expected UTF-8 text, found byte 0x{data[error.start]:02x} that is not "
                         "UTF-8 (is this a binary file?)") from None


# --- reading lines ------------------------------------------------------------------------------

def _lines(text: str) -> Iterator[tuple[int, str]]:
    # Split on '\n' only: str.splitlines() also breaks at form feeds and other
    # separators, which would shift line numbers away from what an editor shows.
    for line_no, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        yield line_no, raw.rstrip("\r")


def _read_line(state: _State, line_no: int, line: str) -> None:
    if _CONTROL.search(line):
        raise InputError(state.source_file, line_no, line,
                         "expected text, found control characters (is this a binary file?)")
    stripped = line.strip()
    if not stripped:
        return
    if stripped.startswith("="):
        _read_title(state, line_no, line)
    elif stripped.startswith("#"):
        _read_header(state, line_no, line)
    elif stripped.startswith("»"):
        _read_round(state, line_no, line)
    elif found := _DATE_LINE.match(line):
        state.date = _resolve_date(state, line_no, line, found)
        state.time = None  # a kick-off time holds until the next date line
    elif found := _TIME_LINE.match(line):
        state.time = _time(state, line_no, line, found.group("hour"), found.group("minute"))
    elif found := _MATCH_LINE.match(line):
        _read_match(state, line_no, line, found)
    elif found := _GROUP_LINE.match(stripped):
        for team in re.split(r"\s{2,}", found.group("teams")):
            state.groups[team] = found.group("group")
    else:
        # A line with a ' v ' is a match gone wrong (often a file cut short): say what a match looks like.
        expected = _EXAMPLES["match"] if " v " in f" {stripped} " else _EXAMPLES["line"]
        raise InputError(state.source_file, line_no, line, f"expected {expected}")


def _read_title(state: _State, line_no: int, line: str) -> None:
    found = _TITLE.match(line.strip())
    if state.competition is not None or not found:
        what = "only one title line" if state.competition is not None else "a title with a season"
        raise InputError(state.source_file, line_no, line,
                         f"expected {what}, like '= UEFA Champions League 2025/26'")
    first, second = int(found.group("first")), int(found.group("second")[-2:])
    if (first + 1) % 100 != second:
        raise InputError(state.source_file, line_no, line,
                         "expected a season of two consecutive years, like 2025/26")
    state.season = f"{first}-{second:02d}"
    state.competition = _competition(state.source_file, line_no, line, found.group("name"))


def _competition(source_file: str, line_no: int, line: str, title: str) -> str:
    """The competition code from the title; the file name decides when the title does not."""
    lowered = title.lower()
    base = ("cl" if "champions league" in lowered else
            "conf" if "conference league" in lowered else
            "el" if "europa league" in lowered else None)
    stem = Path(source_file).stem.lower()
    if base is None:
        if stem in COMPETITIONS:
            return stem
        raise InputError(source_file, line_no, line,
                         "expected a title naming the Champions, Europa or Conference League, "
                         f"or a file named after its competition ({', '.join(COMPETITIONS)})")
    if re.search(r"\bquali", lowered):
        return base + "q"
    # An older title may not say 'Quali'; a file named clq.txt still holds qualifiers.
    return stem if stem == base + "q" else base


def _read_header(state: _State, line_no: int, line: str) -> None:
    stripped = line.strip()
    if found := _MATCHES_HEADER.match(stripped):
        state.declared = (int(found.group("count")), line_no)
    elif re.match(r"^#\s*Date\b", stripped):
        state.season_range = _date_range(state, line_no, line)
    # Other '#' lines (# Teams, # Stages, comments) carry nothing a match needs.


def _date_range(state: _State, line_no: int, line: str) -> tuple[dt.date, dt.date]:
    """'# Date  Tue Jul/8 - Wed Aug/27 2025 (50d)': the first and last day of the season."""
    found = _DATE_HEADER.match(line.strip())
    start = _DATE_ONLY.fullmatch(found.group("start")) if found else None
    end = _DATE_ONLY.fullmatch(found.group("end") or found.group("start")) if found else None
    if not (found and start and end and end.group("year")):
        raise InputError(state.source_file, line_no, line,
                         "expected '# Date  Tue Jul/8 - Wed Aug/27 2025 (50d)' or "
                         "'# Date  Tue Sep/16 2025 - Sat May/30 2026 (256d)'")
    last = _calendar_date(state, line_no, line, end, int(end.group("year")))
    if start.group("year"):
        first = _calendar_date(state, line_no, line, start, int(start.group("year")))
    else:  # 'Tue Jul/8 - Wed Aug/27 2025': the start shares the end's year unless that puts it later
        first = _calendar_date(state, line_no, line, start, last.year)
        if first > last:
            first = _calendar_date(state, line_no, line, start, last.year - 1)
    if first > last:
        raise InputError(state.source_file, line_no, line, "expected the first date before the last")
    return first, last


def _read_round(state: _State, line_no: int, line: str) -> None:
    found = _ROUND_HEADER.match(line.strip())
    if not found:
        raise InputError(state.source_file, line_no, line, "expected a round name after '»'")
    state.section = _classify_round(state, line_no, line, found.group("label"))
    if state.section.stage in (Stage.GROUP, Stage.LEAGUE):
        state.seen_group_or_league = True


def _classify_round(state: _State, line_no: int, line: str, label: str) -> _Section:
    """Map a round header to a stage and round code, e.g. '» Finals, Round of 16' -> R16."""
    text = _PHASE_PREFIX.sub("", " ".join(label.split()).lower())
    number: int | None = None
    if suffix := _SUFFIX.match(text):
        text, number = suffix.group("head"), int(suffix.group("number"))
    if found := _QUALIFYING_ROUND.match(text):
        ordinal = found.group("a") or found.group("b") or {"first": "1", "second": "2", "third": "3"}[
            found.group("c")]
        return _Section(label, Stage.QUALIFYING, f"Q{ordinal}", leg=number)
    if found := _PLAYOFFS.match(text):
        # 'Playoffs' is the qualifying play-off round in a qualifying file, and in a
        # main file before its group or league phase; after it, the knockout play-offs.
        qualifying = (state.competition or "").endswith("q") or not state.seen_group_or_league
        if qualifying and not found.group("knockout"):
            return _Section(label, Stage.QUALIFYING, "PO", leg=number)
        return _Section(label, Stage.KNOCKOUT_PLAYOFF, "KPO", leg=number)
    if found := _GROUP.match(text):
        group = found.group("group").upper() if found.group("group") else None
        return _Section(label, Stage.GROUP, _matchday(state, line_no, line, Stage.GROUP, number), group)
    if _LEAGUE.match(text):
        return _Section(label, Stage.LEAGUE, _matchday(state, line_no, line, Stage.LEAGUE, number))
    if text in _KNOCKOUT_ROUNDS:
        stage, code = _KNOCKOUT_ROUNDS[text]
        return _Section(label, stage, code, leg=number)
    raise InputError(state.source_file, line_no, line,
                     "expected a known round: '1. Round' .. '3. Round', 'Playoffs', 'Group A', "
                     "'Group, Matchday 3', 'League, Matchday 1', 'League phase', 'Playoffs, Matchday 1', "
                     "'Round of 32', 'Round of 16', 'Quarterfinals', 'Semifinals' or 'Final'")


def _matchday(state: _State, line_no: int, line: str, stage: Stage, number: int | None) -> str | None:
    if number is None:
        return None
    if not 1 <= number <= _MAX_MATCHDAY[stage]:
        raise InputError(state.source_file, line_no, line,
                         f"expected a matchday from 1 to {_MAX_MATCHDAY[stage]} in the {stage.value} phase")
    return f"MD{number}"


# --- dates and times ----------------------------------------------------------------------------

def _resolve_date(state: _State, line_no: int, line: str, found: re.Match[str]) -> dt.date:
    if found.group("year"):
        return _calendar_date(state, line_no, line, found, int(found.group("year")))
    return _calendar_date(state, line_no, line, found, _infer_year(state, line_no, line, found))


def _infer_year(state: _State, line_no: int, line: str, found: re.Match[str]) -> int:
    """The year of a date line written without one.

    The season's '# Date' range decides when only one of its years puts the date
    inside it. That matters for files listed group by group, where the dates jump
    back from December to September. Otherwise dates run forward: a month earlier
    than the previous date's month means the next year.
    """
    month = _month(state, line_no, line, found.group("month"))
    day = int(found.group("day"))
    if state.season_range:
        first, last = state.season_range
        inside = [year for year in range(first.year, last.year + 1)
                  if _is_valid(year, month, day) and first <= dt.date(year, month, day) <= last]
        if len(inside) == 1:
            return inside[0]
    if state.date is None:
        raise InputError(state.source_file, line_no, line,
                         "expected a year on the first date line (like 'Tue Jul/8 2025') "
                         "or a '# Date' header that places it")
    return state.date.year + 1 if month < state.date.month else state.date.year


def _calendar_date(state: _State, line_no: int, line: str, found: re.Match[str], year: int) -> dt.date:
    month = _month(state, line_no, line, found.group("month"))
    day = int(found.group("day"))
    if not _is_valid(year, month, day):
        raise InputError(state.source_file, line_no, line, f"expected a real calendar date, not {year}-{month}-{day}")
    date = dt.date(year, month, day)
    # The weekday is redundant, which makes it a check on the date and on the inferred year.
    if WEEKDAYS[date.weekday()] != found.group("weekday"):
        raise InputError(state.source_file, line_no, line,
                         f"expected the weekday of {date.isoformat()} ({WEEKDAYS[date.weekday()]}), "
                         f"not {found.group('weekday')}")
    return date


def _month(state: _State, line_no: int, line: str, name: str) -> int:
    if name not in MONTHS:
        raise InputError(state.source_file, line_no, line, f"expected a month like 'Jul', not {name!r}")
    return MONTHS[name]


def _is_valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _time(state: _State, line_no: int, line: str, hour: str, minute: str) -> dt.time:
    if int(hour) > 23 or int(minute) > 59:
        raise InputError(state.source_file, line_no, line,
                         f"expected a kick-off time like '18.00', not {hour}.{minute}")
    return dt.time(int(hour), int(minute))


# --- matches --------------------------------------------------------------------------------------

def _read_match(state: _State, line_no: int, line: str, found: re.Match[str]) -> None:
    if state.date is None:
        raise InputError(state.source_file, line_no, line,
                         "expected a date line (like 'Tue Jul/8 2025') before the first match")
    if state.section is None:
        raise InputError(state.source_file, line_no, line,
                         "expected a round header (like '» 1. Round') before the first match")
    if found.group("hour"):
        state.time = _time(state, line_no, line, found.group("hour"), found.group("minute"))
    home, away = found.group("home").strip(), found.group("away").strip()
    if home == away:
        raise InputError(state.source_file, line_no, line, "expected two different teams")
    key = (state.section.label, home, away, state.date)
    if key in state.seen:
        raise InputError(state.source_file, line_no, line,
                         f"expected each match once; {home} v {away} on {state.date.isoformat()} "
                         f"is already on line {state.seen[key]}")
    state.seen[key] = line_no
    result = _result(state, line_no, line, found.group("result"))
    state.rows.append(_Row(state.section, line_no, line, state.date, state.time, home, away, result))


def _result(state: _State, line_no: int, line: str, text: str | None) -> _Result:
    if text is None:
        return _Result()
    if _CANCELLED.fullmatch(text):
        return _Result(status=MatchStatus.CANCELLED)
    found = _RESULT.fullmatch(text)
    if not found:
        raise InputError(state.source_file, line_no, line, f"expected {_EXAMPLES['match']}")
    goals = {name: int(value) for name, value in found.groupdict().items()
             if value is not None and name not in ("aet", "tag")}
    extra_time = found.group("aet") is not None
    if "pens_home" in goals and not extra_time:
        raise InputError(state.source_file, line_no, line,
                         "expected 'a.e.t.' with a penalty shoot-out, like '4-3 pen. 1-1 a.e.t. (1-1, 0-1)'")
    if "second_home" in goals and not extra_time:
        raise InputError(state.source_file, line_no, line,
                         "expected one score in brackets, the half time, after a result without extra time")
    ht = _half_time(goals, extra_time)
    full = (goals["home"], goals["away"])
    if ht is not None and (ht[0] > full[0] or ht[1] > full[1]):
        raise InputError(state.source_file, line_no, line,
                         f"expected a half-time score ({ht[0]}-{ht[1]}) no higher than the result "
                         f"({full[0]}-{full[1]})")
    return _Result(
        home_goals=full[0], away_goals=full[1],
        home_goals_ht=ht[0] if ht else None, away_goals_ht=ht[1] if ht else None,
        extra_time=extra_time, home_pens=goals.get("pens_home"), away_pens=goals.get("pens_away"),
        status=MatchStatus.AWARDED if found.group("tag") else MatchStatus.PLAYED,
    )


def _half_time(goals: dict[str, int], extra_time: bool) -> tuple[int, int] | None:
    """Half time from the bracket: '(HT)' normally, '(90 min, HT)' or '(90 min)' after extra time.

    A side that had no goal at the end had none at half time either, so a
    goalless result (the files write a 0-0 without a bracket) or a goalless 90
    minutes gives a 0-0 half time; any other missing half time stays unknown.
    """
    if "first_home" in goals and (not extra_time or "second_home" in goals):
        prefix = "second" if extra_time else "first"
        return goals[f"{prefix}_home"], goals[f"{prefix}_away"]
    ninety = (goals["first_home"], goals["first_away"]) if "first_home" in goals else None
    if (goals["home"], goals["away"]) == (0, 0) or ninety == (0, 0):
        return 0, 0
    return None


def _check_declared_count(state: _State) -> None:
    if state.declared is None:
        return
    count, line_no = state.declared
    if count != len(state.rows):
        raise InputError(state.source_file, line_no, f"# Matches    {count}",
                         f"expected {count} matches as this header declares, found {len(state.rows)} "
                         "(is the file truncated?)")


# --- matchdays, legs and the records ----------------------------------------------------------------

def _finish(state: _State) -> list[ParsedMatch]:
    if state.competition is None or state.season is None:
        if state.rows:
            raise InputError(state.source_file, 1, None,
                             "expected a title line with the competition and season, like "
                             "'= UEFA Champions League 2025/26'")
        return []
    competition, season = state.competition, state.season
    rounds, legs = _matchdays(state), _legs(state)
    return [_record(state, row, competition, season, round_, leg)
            for row, round_, leg in zip(state.rows, rounds, legs, strict=True)]


def _record(state: _State, row: _Row, competition: str, season: str, round_: str, leg: int | None) -> ParsedMatch:
    section = row.section
    group = section.group
    if section.stage is Stage.GROUP and group is None:
        group = state.groups.get(row.home) or state.groups.get(row.away)
    return ParsedMatch(
        source_file=state.source_file, line=row.line_no, competition=competition,
        season=season, stage=section.stage, round=round_, group=group, leg=leg,
        date=row.date, time_cet=row.time, home=row.home, away=row.away,
        **vars(row.result),
    )


def _in_date_order(state: _State) -> list[int]:
    return sorted(range(len(state.rows)), key=lambda i: (state.rows[i].date, state.rows[i].line_no))


def _matchdays(state: _State) -> list[str]:
    """The round of every row. Where the header gives no matchday, a match takes
    the first matchday that neither team has played yet, in date order: that
    puts a postponed match back on its own matchday when it is played later
    (Arsenal v PSV, Europa League 2022-23, moved from September to October)."""
    rounds = [row.section.round or "" for row in state.rows]
    played: dict[tuple[Stage, str | None], defaultdict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for index in _in_date_order(state):
        row = state.rows[index]
        if row.section.round is not None:
            continue
        teams = played[(row.section.stage, row.section.group)]
        taken = teams[row.home] | teams[row.away]
        matchday = min(set(range(1, len(taken) + 2)) - taken)
        limit = _MAX_MATCHDAY[row.section.stage]
        if matchday > limit:
            raise InputError(state.source_file, row.line_no, row.line,
                             f"expected at most {limit} matches per team in the {row.section.stage.value} "
                             f"phase; {row.home} or {row.away} already has {limit}")
        teams[row.home].add(matchday)
        teams[row.away].add(matchday)
        rounds[index] = f"MD{matchday}"
    return rounds


def _legs(state: _State) -> list[int | None]:
    """1 for a pairing's first meeting in a two-legged round, 2 for the return.
    A pairing that meets once in the round (a one-off tie, like the 2020
    quarter-finals in Lisbon) has no leg; a header such as 'Playoffs, Matchday 2'
    states the leg itself."""
    meetings: dict[tuple[Stage, str | None, frozenset[str]], list[int]] = defaultdict(list)
    for index in _in_date_order(state):
        row = state.rows[index]
        if row.section.stage in _TWO_LEGGED:
            meetings[(row.section.stage, row.section.round, frozenset((row.home, row.away)))].append(index)
    legs: list[int | None] = [row.section.leg for row in state.rows]
    for indexes in meetings.values():
        if len(indexes) > 2:
            row = state.rows[indexes[2]]
            raise InputError(state.source_file, row.line_no, row.line,
                             f"expected at most two meetings of {row.home} and {row.away} in one round")
        if len(indexes) == 2:
            for leg, index in enumerate(indexes, start=1):
                legs[index] = legs[index] or leg
    return legs
