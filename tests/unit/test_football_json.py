"""The football.json parser: the shared league files, a known match, and bad input."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.football_json import parse_football_json, parse_football_json_file
from ingest.records import ParsedMatch
from models.vocabulary import MatchStatus, Stage

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
LEAGUES = SHARED / "openfootball" / "football.json" / "2025-26"
# Matches per file in the shared 2025-26 snapshot: a whole season of each league.
EXPECTED_COUNTS = {
    "at.1": 132, "be.1": 240, "de.1": 306, "en.1": 380, "es.1": 380, "fr.1": 306,
    "gr.1": 182, "it.1": 380, "nl.1": 306, "pt.1": 306, "sco.1": 198, "tr.1": 306,
}


def require(path: Path) -> Path:
    """`path` under ../shared; skip when it is missing, except under CI=true where that fails."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with the reference folder beside the repo")
        pytest.skip(f"{path} is missing (the reference folder sits beside the repo on developer machines)")
    return path


def league(code: str) -> list[ParsedMatch]:
    return parse_football_json_file(require(LEAGUES / f"{code}.json"), source_file=f"football.json/2025-26/{code}.json")


def find(matches: list[ParsedMatch], home: str, away: str, date: dt.date) -> ParsedMatch:
    found = [m for m in matches if (m.home, m.away, m.date) == (home, away, date)]
    assert len(found) == 1, f"{home} v {away} on {date}: {len(found)} matches"
    return found[0]


# --- the shared files -----------------------------------------------------------------------------

def test_shared_folder_holds_the_expected_leagues() -> None:
    require(LEAGUES)
    assert {p.name.removesuffix(".json") for p in LEAGUES.glob("*.json")} == set(EXPECTED_COUNTS)


@pytest.mark.parametrize(("code", "count"), sorted(EXPECTED_COUNTS.items()))
def test_league_file_parses_with_its_count_and_source_lines(code: str, count: int) -> None:
    matches = league(code)
    assert len(matches) == count
    assert {(m.competition, m.season, m.stage, m.group, m.leg) for m in matches} == {
        (code, "2025-26", Stage.DOMESTIC, None, None)}
    assert all(m.round.startswith("MD") and int(m.round[2:]) >= 1 for m in matches)
    # Each record points at the '{' that opens its object, and that object names its teams.
    lines = (LEAGUES / f"{code}.json").read_text(encoding="utf-8").split("\n")
    for m in matches:
        assert lines[m.line - 1].strip() == "{"
        following = "\n".join(lines[m.line:m.line + 8])
        assert json.dumps(m.home, ensure_ascii=False) in following
        assert json.dumps(m.away, ensure_ascii=False) in following


def test_premier_league_opener() -> None:
    match = find(league("en.1"), "Liverpool FC", "AFC Bournemouth", dt.date(2025, 8, 15))
    assert (match.round, match.line, match.time_cet) == ("MD1", 4, dt.time(20, 0))
    assert (match.home_goals, match.away_goals, match.home_goals_ht, match.away_goals_ht) == (4, 2, 1, 0)
    assert match.status is MatchStatus.PLAYED and match.source_file == "football.json/2025-26/en.1.json"


def test_numbered_rounds_become_matchdays() -> None:
    # The Scottish file writes '4. Round' where others write 'Matchday 4'.
    match = find(league("sco.1"), "Rangers FC", "Celtic FC", dt.date(2025, 8, 31))
    assert (match.round, match.home_goals, match.away_goals) == ("MD4", 0, 0)


def test_postponed_and_unplayed_matches() -> None:
    matches = league("en.1")
    postponed = find(matches, "Manchester City FC", "Crystal Palace FC", dt.date(2026, 3, 21))
    assert (postponed.status, postponed.home_goals, postponed.time_cet) == (MatchStatus.POSTPONED, None, None)
    last = find(matches, "West Ham United FC", "Leeds United FC", dt.date(2026, 5, 24))
    assert (last.round, last.status, last.home_goals) == ("MD38", MatchStatus.SCHEDULED, None)


# --- small inputs -------------------------------------------------------------------------------------

SAMPLE = """{
  "name": "Test League 2025/26",
  "matches": [
    {"round": "Matchday 1", "date": "2025-08-15", "time": "20:00",
     "team1": "Home FC", "team2": "Away FC", "score": {"ht": [0, 1], "ft": [2, 1]}},
    {
      "round": "2. Round",
      "date": "2025-08-23",
      "team1": "Away FC",
      "team2": "Home FC",
      "score": {"ft": [1, 1], "et": [2, 1], "p": [4, 3]}
    }
  ]
}
"""


def parse(text: str, source_file: str = "x/2025-26/xx.1.json") -> list[ParsedMatch]:
    return parse_football_json(text, source_file=source_file, competition="xx.1", season="2025-26")


def test_sample_parses() -> None:
    first, second = parse(SAMPLE)
    assert (first.line, first.round, first.time_cet, first.home_goals_ht) == (4, "MD1", dt.time(20, 0), 0)
    assert (second.line, second.round, second.time_cet) == (6, "MD2", None)
    assert (second.home_goals, second.away_goals, second.extra_time, second.home_pens) == (2, 1, True, 4)


def test_single_line_file_numbers_matches_by_position() -> None:
    minified = json.dumps(json.loads(SAMPLE))
    assert [m.line for m in parse(minified)] == [1, 2]


def test_file_reader_takes_competition_and_season_from_the_path(tmp_path: Path) -> None:
    path = tmp_path / "2025-26" / "xx.1.json"
    path.parent.mkdir()
    path.write_text(SAMPLE, encoding="utf-8")
    matches = parse_football_json_file(path)
    assert {(m.competition, m.season, m.source_file) for m in matches} == {("xx.1", "2025-26", str(path))}


# --- bad input: each error names the file, the line number and the line -------------------------------

def raises(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        parse(text, source_file="bad/xx.1.json")
    return caught.value


def assert_points_at(error: InputError, line_no: int, line: str) -> None:
    assert (error.file, error.line_no) == ("bad/xx.1.json", line_no)
    assert error.line is not None and error.line.strip() == line.strip()
    assert f"bad/xx.1.json, line {line_no}" in str(error) and line.strip()[:40] in str(error)


def test_malformed_json() -> None:
    error = raises(SAMPLE.replace('"date": "2025-08-23",', '"date": "2025-08-23"'))
    assert_points_at(error, 9, '      "team1": "Away FC",')
    assert "valid JSON" in error.expected


def test_truncated_json() -> None:
    kept = '      "team2": "Ho'
    assert_points_at(raises(SAMPLE[:SAMPLE.index(kept) + len(kept)]), 10, kept)


def test_missing_key() -> None:
    error = raises(SAMPLE.replace('      "team2": "Home FC",\n', ""))
    assert_points_at(error, 6, "    {")
    assert "team2" in error.expected


@pytest.mark.parametrize(("old", "new", "what"), [
    ('"2. Round"', '"Round two"', "round"),
    ('"2025-08-23"', '"23/08/2025"', "date"),
    ('"p": [4, 3]', '"p": [4]', "two goal counts"),
    ('"p": [4, 3]', '"pens": [4, 3]', "score"),
    ('"team2": "Home FC"', '"team2": "Away FC"', "different teams"),
])
def test_bad_match_fields(old: str, new: str, what: str) -> None:
    error = raises(SAMPLE.replace(old, new))
    assert_points_at(error, 6, "    {")
    assert what in error.expected


def test_bad_time() -> None:
    error = raises(SAMPLE.replace('"20:00"', '"8pm"'))
    assert_points_at(error, 4, '    {"round": "Matchday 1", "date": "2025-08-15", "time": "8pm",')


def test_duplicate_match() -> None:
    first = SAMPLE.index("    {\"round\": \"Matchday 1\"")
    block = SAMPLE[first:SAMPLE.index("    {\n")]
    error = raises(SAMPLE.replace(block, block + block))
    assert_points_at(error, 6, block.split("\n")[0])
    assert "line 4" in error.expected


def test_not_a_matches_document() -> None:
    assert_points_at(raises('[{"round": "Matchday 1"}]'), 1, '[{"round": "Matchday 1"}]')


def test_season_other_than_the_one_imported() -> None:
    error = raises(SAMPLE.replace("2025/26", "2024/25"))
    assert_points_at(error, 2, '  "name": "Test League 2024/25",')


def test_file_outside_a_season_folder(tmp_path: Path) -> None:
    path = tmp_path / "downloads" / "xx.1.json"
    path.parent.mkdir()
    path.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(InputError, match="season folder"):
        parse_football_json_file(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "2025-26" / "xx.1.json"
    path.parent.mkdir()
    path.write_bytes(b"{\n\x89PNG\xff\xfe\n}")
    with pytest.raises(InputError) as caught:
        parse_football_json_file(path, source_file="uploads/xx.1.json")
    assert (caught.value.file, caught.value.line_no) == ("uploads/xx.1.json", 2)
