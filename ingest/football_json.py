"""Parser for openfootball's football.json league files (CC0), e.g.
`football.json/2025-26/en.1.json`: the opponents' domestic fixtures and results.

A file is one object with a `matches` list::

    {"name": "English Premier League 2025/26",
     "matches": [{"round": "Matchday 1", "date": "2025-08-15", "time": "20:00",
                  "team1": "Liverpool FC", "team2": "AFC Bournemouth",
                  "score": {"ht": [1, 0], "ft": [4, 2]}}, ...]}

What the files hold, and how it is read:

- `round` is 'Matchday 12' (en, es, it, de, fr, nl, pt) or '12. Round' (at, be,
  gr, sco, tr); both become round 'MD12'.
- `time` is optional and has no time zone. It is the league's local clock (the
  Premier League's Saturday games read 15:00, Portugal's 20:30), not Central
  European time, so `ParsedMatch.time_cet` holds it as written and the caller
  reads it in the league's zone (see `ingest.bundle.LEAGUES`). The Austrian,
  Belgian, Scottish and Turkish files read an hour earlier than those leagues'
  usual kick-offs (Scottish Saturday games at 14:00): treat their times as
  approximate.
- `score` holds `ft` and optionally `ht` (`et` and `p` in cup files); an empty
  score is a fixture still to be played.
- `status: "postponed"` marks a match that did not take place on its listed
  date, with no new date yet; it becomes `MatchStatus.POSTPONED`.

`ParsedMatch.line` is the 1-based line where the match's object starts. A
minified file has one line only; there `line` is the match's 1-based position
in the `matches` list instead.
"""

import bisect
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import InputError
from ingest.openfootball import decode_text
from ingest.records import ParsedMatch
from models.vocabulary import MatchStatus, Stage

_ROUND = re.compile(r"^(?:Matchday\s+(?P<matchday>\d{1,2})|(?P<round>\d{1,2})\.\s*Round)$")
_TIME = re.compile(r"^(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)$")
_SEASON = re.compile(r"^(?P<first>\d{4})-(?P<second>\d{2})$")
_NAME_SEASON = re.compile(r"(?P<first>\d{4})/(?P<second>\d{2})\s*$")
_MATCHES_KEY = re.compile(r'"matches"\s*:\s*\[')
REQUIRED = ("round", "date", "team1", "team2")
_STATUSES = {"postponed": MatchStatus.POSTPONED, "cancelled": MatchStatus.CANCELLED,
             "awarded": MatchStatus.AWARDED}
_SCORE_KEYS = {"ft", "ht", "et", "p"}


def parse_football_json(text: str, *, source_file: str, competition: str, season: str) -> list[ParsedMatch]:
    """Every match of a football.json file, in file order, as Stage.DOMESTIC records."""
    document = _load(text, source_file)
    matches = document.get("matches") if isinstance(document, dict) else None
    if not isinstance(matches, list):
        raise InputError(source_file, 1, _line_at(text, 1),
                         'expected one object with a "matches" list, like {"name": ..., "matches": [...]}')
    _check_season(document, text, source_file, season)
    text_lines = text.split("\n")
    parsed: list[ParsedMatch] = []
    seen: dict[tuple[str, str, str, dt.date], int] = {}
    for match, line_no in zip(matches, _match_lines(text, matches), strict=True):
        line = text_lines[line_no - 1].rstrip("\r") if line_no <= len(text_lines) else ""
        record = _record(match, _Where(source_file, line_no, line), competition, season)
        key = (record.round, record.home, record.away, record.date)
        if key in seen:
            raise InputError(source_file, line_no, line,
                             f"expected each match once; {record.home} v {record.away} on "
                             f"{record.date.isoformat()} is already at line {seen[key]}")
        seen[key] = line_no
        parsed.append(record)
    return parsed


def parse_football_json_file(path: Path, *, source_file: str | None = None) -> list[ParsedMatch]:
    """Parse `path`; the competition comes from the file name ('en.1.json' -> 'en.1'),
    the season from its folder ('2025-26')."""
    name = source_file if source_file is not None else str(path)
    season = _SEASON.match(path.parent.name)
    if not season or (int(season.group("first")) + 1) % 100 != int(season.group("second")):
        raise InputError(name, None, None,
                         f"expected the file inside a season folder like '2025-26/', not '{path.parent.name}/'")
    text = decode_text(path.read_bytes(), source_file=name)
    return parse_football_json(text, source_file=name, competition=path.name.removesuffix(".json"),
                               season=path.parent.name)


# --- the document ---------------------------------------------------------------------------------

def _load(text: str, source_file: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(source_file, error.lineno, _line_at(text, error.lineno),
                         f"expected valid JSON: {error.msg} (column {error.colno})") from None


def _check_season(document: dict[str, Any], text: str, source_file: str, season: str) -> None:
    """A file whose name states another season is in the wrong folder."""
    name = document.get("name")
    found = _NAME_SEASON.search(name) if isinstance(name, str) else None
    if found and f"{found.group('first')}-{found.group('second')}" != season:
        line_no = _line_of(text, text.find('"name"'))
        raise InputError(source_file, line_no, _line_at(text, line_no),
                         f"expected the season {season} it is imported as; the file's name says "
                         f"{found.group('first')}/{found.group('second')}")


def _match_lines(text: str, matches: list[Any]) -> list[int]:
    """The 1-based line where each match object starts.

    json does not report positions, so the 'matches' array is decoded again one
    element at a time from its opening bracket, which gives each element's
    offset; the elements must equal what json.loads returned.
    """
    if "\n" not in text.strip():
        return list(range(1, len(matches) + 1))  # minified: the position in the list stands in
    decoder = json.JSONDecoder()
    for opening in _MATCHES_KEY.finditer(text):
        offsets = _element_offsets(decoder, text, opening.end(), matches)
        if offsets is not None:
            newlines = [index for index, char in enumerate(text) if char == "\n"]
            return [bisect.bisect_left(newlines, offset) + 1 for offset in offsets]
    return list(range(1, len(matches) + 1))  # the key is spelt unusually (escaped): positions again


def _element_offsets(decoder: json.JSONDecoder, text: str, position: int, expected: list[Any]) -> list[int] | None:
    offsets = []
    for element in expected:
        position = _skip_separators(text, position)
        try:
            value, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            return None
        if value != element:
            return None
        offsets.append(position)
        position = end
    return offsets


def _skip_separators(text: str, position: int) -> int:
    while position < len(text) and (text[position].isspace() or text[position] == ","):
        position += 1
    return position


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, max(offset, 0)) + 1


def _line_at(text: str, line_no: int) -> str:
    lines = text.split("\n")
    return lines[line_no - 1].rstrip("\r") if 0 < line_no <= len(lines) else ""


# --- one match --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Where:
    """Where a match object sits, for error messages."""

    source_file: str
    line_no: int
    line: str

    def error(self, expected: str) -> InputError:
        return InputError(self.source_file, self.line_no, self.line, expected)


def _record(match: Any, where: _Where, competition: str, season: str) -> ParsedMatch:
    if not isinstance(match, dict):
        raise where.error('expected a match object like {"round": "Matchday 1", "date": "2025-08-15", ...}')
    missing = [key for key in REQUIRED if key not in match]
    if missing:
        raise where.error(f"expected the keys {', '.join(REQUIRED)} in every match; missing: {', '.join(missing)}")
    home, away = _team(match, "team1", where), _team(match, "team2", where)
    if home == away:
        raise where.error("expected two different teams")
    score = _score(match.get("score", {}), where)
    status = _status(match.get("status"), where)
    if status is MatchStatus.PLAYED and score["ft"] is None:
        status = MatchStatus.SCHEDULED
    full = score["et"] or score["ft"]
    return ParsedMatch(
        source_file=where.source_file, line=where.line_no, competition=competition, season=season,
        stage=Stage.DOMESTIC, round=_round(match["round"], where), group=None, leg=None,
        date=_date(match["date"], where), time_cet=_time(match.get("time"), where),
        home=home, away=away,
        home_goals=full[0] if full else None, away_goals=full[1] if full else None,
        home_goals_ht=score["ht"][0] if score["ht"] else None,
        away_goals_ht=score["ht"][1] if score["ht"] else None,
        extra_time=score["et"] is not None,
        home_pens=score["p"][0] if score["p"] else None, away_pens=score["p"][1] if score["p"] else None,
        status=status,
    )


def _team(match: dict[str, Any], key: str, where: _Where) -> str:
    value = match[key]
    if not isinstance(value, str) or not value.strip():
        raise where.error(f'expected a team name in "{key}", not {value!r}')
    return value.strip()


def _round(value: Any, where: _Where) -> str:
    found = _ROUND.match(value) if isinstance(value, str) else None
    if not found:
        raise where.error(f"expected a round like 'Matchday 12' or '12. Round', not {value!r}")
    return f"MD{int(found.group('matchday') or found.group('round'))}"


def _date(value: Any, where: _Where) -> dt.date:
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise where.error(f"expected a date like '2025-08-15', not {value!r}") from None


def _time(value: Any, where: _Where) -> dt.time | None:
    if value is None:
        return None
    found = _TIME.match(value) if isinstance(value, str) else None
    if not found:
        raise where.error(f"expected a kick-off time like '20:00', not {value!r}")
    return dt.time(int(found.group("hour")), int(found.group("minute")))


def _score(value: Any, where: _Where) -> dict[str, tuple[int, int] | None]:
    if not isinstance(value, dict) or set(value) - _SCORE_KEYS:
        keys = ", ".join(sorted(_SCORE_KEYS))
        raise where.error(f'expected a score like {{"ht": [1, 0], "ft": [4, 2]}} (keys {keys}), not {value!r}')
    score: dict[str, tuple[int, int] | None] = {key: None for key in _SCORE_KEYS}
    for key, pair in value.items():
        if not (isinstance(pair, list) and len(pair) == 2
                and all(isinstance(goals, int) and not isinstance(goals, bool) and goals >= 0 for goals in pair)):
            raise where.error(f'expected "{key}" as two goal counts like [1, 0], not {pair!r}')
        score[key] = (pair[0], pair[1])
    if score["ft"] is None and any(score[key] for key in ("ht", "et", "p")):
        raise where.error(f'expected a full-time score "ft" beside {value!r}')
    return score


def _status(value: Any, where: _Where) -> MatchStatus:
    if value is None:
        return MatchStatus.PLAYED
    if value not in _STATUSES:
        raise where.error(f"expected a status of {', '.join(sorted(_STATUSES))} or none, not {value!r}")
    return _STATUSES[value]
