"""The Football.TXT parser: every shared file, facts of Kairat's campaign, and bad input."""

import datetime as dt
import os
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.openfootball import declared_match_count, parse_football_txt, parse_football_txt_file
from ingest.records import ParsedMatch
from models.vocabulary import MatchStatus, Stage

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CL_ROOT = SHARED / "openfootball" / "champions-league"
CL_FILES = sorted(CL_ROOT.glob("*/*.txt"))
NO_FILES = "<no Football.TXT files found>"


def require(path: Path) -> Path:
    """`path` under ../shared; skip when it is missing, except under CI=true where that fails."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with the reference folder beside the repo")
        pytest.skip(f"{path} is missing (the reference folder sits beside the repo on developer machines)")
    return path


def shared_file(relative: str) -> list[ParsedMatch]:
    path = require(CL_ROOT / relative)
    return parse_football_txt_file(path, source_file=relative)


def find(matches: list[ParsedMatch], home: str, away: str, round_: str) -> ParsedMatch:
    found = [m for m in matches if m.home == home and m.away == away and m.round == round_]
    assert len(found) == 1, f"{home} v {away} in {round_}: {len(found)} matches"
    return found[0]


# --- every shared file ----------------------------------------------------------------------------

@pytest.mark.parametrize("relative", [p.relative_to(CL_ROOT).as_posix() for p in CL_FILES] or [NO_FILES])
def test_shared_file_parses_and_matches_its_declared_count(relative: str) -> None:
    require(CL_ROOT)
    if relative == NO_FILES:
        pytest.fail(f"{CL_ROOT} exists but holds no */*.txt files")
    text = (CL_ROOT / relative).read_text(encoding="utf-8")
    matches = parse_football_txt_file(CL_ROOT / relative, source_file=relative)
    declared = declared_match_count(text)
    assert declared is not None and declared > 0
    assert len(matches) == declared
    assert all(m.season == relative.split("/")[0] for m in matches)
    assert {m.competition for m in matches} == {Path(relative).stem}
    lines = text.split("\n")
    assert all(m.home in lines[m.line - 1] and m.away in lines[m.line - 1] for m in matches)


def test_shared_files_cover_every_season_and_competition() -> None:
    require(CL_ROOT)
    seasons = {p.parent.name for p in CL_FILES}
    assert {f"{y}-{(y + 1) % 100:02d}" for y in range(2011, 2026)} <= seasons
    assert {p.name for p in CL_FILES} == {f"{c}.txt" for c in ("cl", "clq", "el", "elq", "conf", "confq")}


def test_missing_reference_folder_skips_locally_and_fails_in_ci(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="missing"):
        require(tmp_path / "nowhere")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run"):
        require(tmp_path / "nowhere")


# --- Kairat's 2025/26 campaign ----------------------------------------------------------------------

def test_kairat_beat_celtic_on_penalties_in_the_play_off_return_leg() -> None:
    matches = shared_file("2025-26/clq.txt")
    first = find(matches, "Celtic FC (SCO)", "FK Kairat (KAZ)", "PO")
    second = find(matches, "FK Kairat (KAZ)", "Celtic FC (SCO)", "PO")
    assert (first.leg, first.date, first.extra_time) == (1, dt.date(2025, 8, 20), False)
    assert second.stage is Stage.QUALIFYING and second.competition == "clq" and second.season == "2025-26"
    assert (second.leg, second.date, second.line) == (2, dt.date(2025, 8, 26), 118)
    assert (second.home_goals, second.away_goals, second.extra_time) == (0, 0, True)
    assert (second.home_pens, second.away_pens) == (3, 2)
    assert second.status is MatchStatus.PLAYED


def test_kairat_went_through_in_bratislava_on_penalties_after_extra_time() -> None:
    match = find(shared_file("2025-26/clq.txt"), "Slovan Bratislava (SVK)", "FK Kairat (KAZ)", "Q3")
    assert (match.leg, match.date, match.time_cet) == (2, dt.date(2025, 8, 12), dt.time(19, 15))
    assert (match.home_goals, match.away_goals, match.extra_time) == (1, 0, True)
    assert (match.home_pens, match.away_pens) == (3, 4)


def test_kairat_league_phase_opened_at_sporting() -> None:
    match = find(shared_file("2025-26/cl.txt"), "Sporting Clube de Portugal (POR)", "FK Kairat (KAZ)", "MD1")
    assert (match.stage, match.group, match.leg) == (Stage.LEAGUE, None, None)
    assert (match.date, match.time_cet) == (dt.date(2025, 9, 18), dt.time(21, 0))
    assert (match.home_goals, match.away_goals, match.home_goals_ht, match.away_goals_ht) == (4, 1, 1, 0)


def test_year_rolls_over_from_december_to_january() -> None:
    matches = shared_file("2025-26/cl.txt")
    assert find(matches, "FK Kairat (KAZ)", "PAE Olympiakos SFP (GRE)", "MD6").date == dt.date(2025, 12, 9)
    # 'Tue Jan/20 2026' carries its year; 'Wed Jan/21' and the later dates are inferred from it.
    assert find(matches, "FK Kairat (KAZ)", "Club Brugge KV (BEL)", "MD7").date == dt.date(2026, 1, 20)
    assert find(matches, "Arsenal FC (ENG)", "FK Kairat (KAZ)", "MD8").date == dt.date(2026, 1, 28)
    assert find(matches, "Paris Saint-Germain FC (FRA)", "Arsenal FC (ENG)", "F").date == dt.date(2026, 5, 30)


def test_kairat_played_eight_qualifiers_and_eight_league_matches() -> None:
    qualifiers = [m for m in shared_file("2025-26/clq.txt") if "FK Kairat (KAZ)" in (m.home, m.away)]
    league = [m for m in shared_file("2025-26/cl.txt") if "FK Kairat (KAZ)" in (m.home, m.away)]
    assert [(m.round, m.leg) for m in qualifiers] == [
        ("Q1", 1), ("Q1", 2), ("Q2", 1), ("Q2", 2), ("Q3", 1), ("Q3", 2), ("PO", 1), ("PO", 2)]
    assert [m.round for m in league] == [f"MD{n}" for n in range(1, 9)]


# --- the shapes older seasons use ---------------------------------------------------------------------

def test_group_by_group_listing_takes_years_from_the_season_range() -> None:
    # Group B starts again in September after Group A's December dates: still 2011, not 2012.
    matches = shared_file("2011-12/cl.txt")
    group_b = [m for m in matches if m.group == "B"]
    assert group_b[0].date == dt.date(2011, 9, 14)
    assert all(m.stage is Stage.GROUP and m.leg is None for m in group_b)
    assert [m.round for m in group_b[:2]] == ["MD1", "MD1"]
    assert sorted({m.group for m in matches if m.group}) == list("ABCDEFGH")


def test_postponed_group_match_keeps_its_own_matchday() -> None:
    # Arsenal v PSV (Europa League 2022-23) was moved from September 15 to October 20.
    matches = shared_file("2022-23/el.txt")
    postponed = find(matches, "Arsenal FC (ENG)", "PSV Eindhoven (NED)", "MD2")
    assert (postponed.group, postponed.date) == ("A", dt.date(2022, 10, 20))
    group_a = [m for m in matches if m.group == "A"]
    assert sorted(m.round for m in group_a) == sorted(f"MD{n}" for n in range(1, 7) for _ in range(2))


def test_german_group_headers_and_round_of_32() -> None:
    matches = shared_file("2020-21/el.txt")
    assert {m.group for m in matches if m.stage is Stage.GROUP} == set("ABCDEFGHIJKL")
    round_of_32 = [m for m in matches if m.stage is Stage.ROUND_OF_32]
    assert len(round_of_32) == 32 and {m.round for m in round_of_32} == {"R32"}
    awarded = find(matches, "Villarreal CF (ESP)", "Qarabağ FK (AZE)", "MD6")
    assert (awarded.status, awarded.home_goals, awarded.away_goals) == (MatchStatus.AWARDED, 3, 0)


def test_cancelled_tie_keeps_both_legs() -> None:
    matches = shared_file("2021-22/el.txt")
    first = find(matches, "RB Leipzig (GER)", "Spartak Moskva (RUS)", "R16")
    second = find(matches, "Spartak Moskva (RUS)", "RB Leipzig (GER)", "R16")
    assert (first.status, first.leg, first.home_goals, first.time_cet) == (MatchStatus.CANCELLED, 1, None, None)
    assert (second.status, second.leg) == (MatchStatus.CANCELLED, 2)
    playoffs = [m for m in matches if m.round == "KPO"]
    assert len(playoffs) == 16 and {m.stage for m in playoffs} == {Stage.KNOCKOUT_PLAYOFF}


def test_single_match_knockout_rounds_of_2020_have_no_leg() -> None:
    matches = shared_file("2019-20/cl.txt")
    assert [m.leg for m in matches if m.round in ("QF", "SF", "F")] == [None] * 7
    # Round-of-16 return legs played in August are still legs 2.
    assert find(matches, "Manchester City (ENG)", "Real Madrid (ESP)", "R16").leg == 2
    assert find(matches, "Real Madrid (ESP)", "Manchester City (ENG)", "R16").leg == 1


def test_knockout_play_off_headers_give_legs() -> None:
    matches = shared_file("2025-26/cl.txt")
    leg = find(matches, "Juventus FC (ITA)", "Galatasaray SK (TUR)", "KPO")
    assert (leg.stage, leg.leg, leg.extra_time) == (Stage.KNOCKOUT_PLAYOFF, 2, True)
    # '3-2 a.e.t. (3-0, 1-0)': 3-2 after extra time, 3-0 after 90 minutes, 1-0 at half time.
    assert (leg.home_goals, leg.away_goals, leg.home_goals_ht, leg.away_goals_ht) == (3, 2, 1, 0)


def test_extra_time_bracket_is_ninety_minutes_then_half_time() -> None:
    matches = shared_file("2025-26/clq.txt")
    # '2-2 a.e.t. (2-1, 0-1)': only 0-1 can be the half time, since it is below both other scores.
    minsk = find(matches, "Dinamo Minsk (BLR)", "PFC Ludogorets Razgrad (BUL)", "Q1")
    assert (minsk.home_goals, minsk.away_goals, minsk.home_goals_ht, minsk.away_goals_ht) == (2, 2, 0, 1)
    hamrun = find(matches, "Hamrun Spartans (MLT)", "FK Žalgiris (LTU)", "Q1")
    assert (hamrun.home_pens, hamrun.away_pens, hamrun.home_goals, hamrun.away_goals) == (11, 10, 2, 0)


@pytest.mark.parametrize("relative", ["2024-25/clq.txt", "2025-26/clq.txt", "2024-25/confq.txt"])
def test_qualifying_round_headers_in_both_spellings(relative: str) -> None:
    # 2024-25 writes '» Round 1' and '» Playoffs', 2025-26 '» 1. Round' and '» Play-offs'.
    matches = shared_file(relative)
    assert {m.round for m in matches} == {"Q1", "Q2", "Q3", "PO"}
    assert {m.stage for m in matches} == {Stage.QUALIFYING}
    assert {m.leg for m in matches} == {1, 2}


def test_group_matchday_headers_without_a_letter() -> None:
    matches = shared_file("2023-24/cl.txt")
    group = [m for m in matches if m.stage is Stage.GROUP]
    assert len(group) == 96 and {m.round for m in group} == {f"MD{n}" for n in range(1, 7)}
    assert {m.group for m in group} == {None}  # the file does not say which group


def test_league_phase_without_matchday_headers() -> None:
    matches = shared_file("2024-25/el.txt")
    league = [m for m in matches if m.stage is Stage.LEAGUE]
    assert len(league) == 144
    for team in {m.home for m in league}:
        assert sorted(int(m.round[2:]) for m in league if team in (m.home, m.away)) == list(range(1, 9))


# --- the parser on small inputs (no reference folder needed) -----------------------------------------

HEADER = "= UEFA Champions League 2025/26\n\n# Date       Tue Sep/16 2025 - Sat May/30 2026 (256d)\n"


def parse(body: str, *, header: str = HEADER, source_file: str = "cl.txt") -> list[ParsedMatch]:
    return parse_football_txt(header + body, source_file=source_file)


def test_kick_off_time_carries_over_until_the_next_date() -> None:
    matches = parse(
        "» League, Matchday 1\n"
        "  Tue Dec/9 2025\n"
        "    18.45  FK Kairat (KAZ)  v  Celtic FC (SCO)  1-0 (0-0)\n"
        "           Arsenal FC (ENG)  v  Chelsea FC (ENG)  2-2 (1-1)\n"
        "  Wed Jan/21\n"
        "           Real Madrid CF (ESP)  v  FC Barcelona (ESP)\n"
    )
    assert [m.time_cet for m in matches] == [dt.time(18, 45), dt.time(18, 45), None]
    assert [m.date for m in matches] == [dt.date(2025, 12, 9), dt.date(2025, 12, 9), dt.date(2026, 1, 21)]
    assert [m.line for m in matches] == [6, 7, 9]
    assert matches[2].status is MatchStatus.SCHEDULED and matches[2].home_goals is None


def test_year_without_a_date_header_runs_forward() -> None:
    body = "» Round of 16\n  Tue Dec/9 2025\n    A (AAA)  v  B (BBB)\n  Tue Feb/17\n    B (BBB)  v  A (AAA)\n"
    matches = parse(body, header="= UEFA Champions League 2025/26\n")
    assert [m.date for m in matches] == [dt.date(2025, 12, 9), dt.date(2026, 2, 17)]
    assert [m.leg for m in matches] == [1, 2]


def test_goalless_results_imply_a_goalless_half_time() -> None:
    matches = parse("» Round of 16\n  Tue Mar/10 2026\n    A (AAA)  v  B (BBB)  0-0\n"
                    "  Tue Mar/17\n    B (BBB)  v  A (AAA)  2-1 a.e.t. (1-1)\n")
    assert (matches[0].home_goals_ht, matches[0].away_goals_ht) == (0, 0)
    assert (matches[1].home_goals_ht, matches[1].away_goals_ht) == (None, None)  # 1-1 at 90' says nothing


@pytest.mark.parametrize(("title", "file_name", "code"), [
    ("= UEFA Champions League - Quali 2025/26", "whatever.txt", "clq"),
    ("= UEFA Europa League 2024/25", "el.txt", "el"),
    ("= UEFA Conference League - Quali 2025/26", "confq.txt", "confq"),
    ("= UEFA Champions League 2025/26", "clq.txt", "clq"),  # an older title without 'Quali'
    ("= Qualifying 2025/26", "elq.txt", "elq"),  # a title that names no competition
])
def test_competition_code_from_title_then_file_name(title: str, file_name: str, code: str) -> None:
    matches = parse("» 1. Round\n  Tue Jul/8 2025\n    A (AAA)  v  B (BBB)\n", header=title + "\n",
                    source_file=f"x/{file_name}")
    assert matches[0].competition == code and matches[0].round == "Q1"


def test_playoffs_before_the_group_phase_are_qualifying() -> None:
    matches = parse("» Playoffs\n  Tue Aug/19 2025\n    A (AAA)  v  B (BBB)\n"
                    "» Group A\n  Tue Sep/16 2025\n    A (AAA)  v  C (CCC)\n"
                    "» Playoffs\n  Thu Feb/12 2026\n    A (AAA)  v  B (BBB)\n")
    assert [(m.stage, m.round) for m in matches] == [
        (Stage.QUALIFYING, "PO"), (Stage.GROUP, "MD1"), (Stage.KNOCKOUT_PLAYOFF, "KPO")]


def test_group_definitions_name_the_group_of_matchday_sections() -> None:
    matches = parse("Group C  |  A (AAA)  B (BBB)\n"
                    "» Group, Matchday 1\n  Tue Sep/16 2025\n    A (AAA)  v  B (BBB)\n")
    assert (matches[0].group, matches[0].round) == ("C", "MD1")


def test_declared_match_count() -> None:
    assert declared_match_count("= X 2025/26\r\n# Teams  4\r\n# Matches    92\r\n") == 92
    assert declared_match_count("= X 2025/26\n") is None


# --- bad input: each error names the file, the line number and the line --------------------------------

def raises(text: str, *, source_file: str = "bad/cl.txt") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_football_txt(text, source_file=source_file)
    return caught.value


def assert_points_at(error: InputError, file: str, line_no: int, line: str) -> None:
    assert (error.file, error.line_no) == (file, line_no)
    assert error.line is not None and error.line.strip() == line.strip()
    message = str(error)
    assert file in message and f"line {line_no}" in message and line.strip()[:40] in message
    assert "expected" in message


GOOD = (HEADER + "# Matches    2\n\n» League, Matchday 1\n  Tue Sep/16 2025\n"
        "    18.45  FK Kairat (KAZ)  v  Celtic FC (SCO)  1-0 (0-0)\n"
        "    21.00  Arsenal FC (ENG)  v  Chelsea FC (ENG)  2-2 (1-1)\n")


def test_good_sample_parses() -> None:
    assert [(m.home, m.line) for m in parse_football_txt(GOOD, source_file="cl.txt")] == [
        ("FK Kairat (KAZ)", 8), ("Arsenal FC (ENG)", 9)]


def test_malformed_result() -> None:
    line = "    21.00  Arsenal FC (ENG)  v  Chelsea FC (ENG)  2:2 (1-1)"
    error = raises(GOOD.replace("    21.00  Arsenal FC (ENG)  v  Chelsea FC (ENG)  2-2 (1-1)", line))
    assert_points_at(error, "bad/cl.txt", 9, line)
    assert "1-0 (0-0)" in error.expected  # shows what a valid match line looks like


def test_unknown_line_shape() -> None:
    assert_points_at(raises(GOOD + "Kairat won again\n"), "bad/cl.txt", 10, "Kairat won again")


@pytest.mark.parametrize("kept", [
    "    21.00  Arse",
    "    21.00  Arsenal FC (ENG)  v",
    "    21.00  Arsenal FC (ENG)  v  Chelsea F",
    "    21.00  Arsenal FC (ENG)  v  Chelsea FC (ENG)  2-",
])
def test_file_cut_mid_line(kept: str) -> None:
    error = raises(GOOD[:GOOD.index("    21.00")] + kept)
    assert_points_at(error, "bad/cl.txt", 9, kept)


def test_file_cut_at_a_line_end_disagrees_with_its_match_count() -> None:
    error = raises(GOOD[:GOOD.index("    21.00")])
    assert_points_at(error, "bad/cl.txt", 4, "# Matches    2")
    assert "truncated" in error.expected


def test_binary_garbage_in_text() -> None:
    error = raises(GOOD + "\x89PNG\x00\x1a\x00\n")
    assert (error.file, error.line_no) == ("bad/cl.txt", 10)
    assert "\\x00" in str(error) and "binary" in str(error)


def test_binary_file_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cl.txt"
    path.write_bytes(GOOD.encode() + b"  Wed Sep/17\n\xff\xd8\xff\xe0 JFIF\n")
    with pytest.raises(InputError) as caught:
        parse_football_txt_file(path, source_file="uploads/cl.txt")
    assert (caught.value.file, caught.value.line_no) == ("uploads/cl.txt", 11)
    assert "JFIF" in str(caught.value) and "UTF-8" in str(caught.value)


def test_file_reader_defaults_the_source_to_the_path(tmp_path: Path) -> None:
    path = tmp_path / "cl.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())  # BOM and CRLF
    matches = parse_football_txt_file(path)
    assert [m.source_file for m in matches] == [str(path)] * 2 and matches[1].line == 9


def test_duplicate_match() -> None:
    line = "    21.00  FK Kairat (KAZ)  v  Celtic FC (SCO)  1-0 (0-0)"
    error = raises(GOOD.replace("# Matches    2", "# Matches    3") + line + "\n")
    assert_points_at(error, "bad/cl.txt", 10, line)
    assert "line 8" in error.expected


def test_match_before_any_date_line() -> None:
    line = "    18.45  FK Kairat (KAZ)  v  Celtic FC (SCO)  1-0 (0-0)"
    error = raises(HEADER + "» League, Matchday 1\n" + line + "\n")
    assert_points_at(error, "bad/cl.txt", 5, line)
    assert "date line" in error.expected


def test_match_before_any_round_header() -> None:
    line = "    18.45  FK Kairat (KAZ)  v  Celtic FC (SCO)  1-0 (0-0)"
    error = raises(HEADER + "  Tue Sep/16 2025\n" + line + "\n")
    assert_points_at(error, "bad/cl.txt", 5, line)


def test_unknown_round_header() -> None:
    error = raises(GOOD.replace("» League, Matchday 1", "» Zwischenrunde"))
    assert_points_at(error, "bad/cl.txt", 6, "» Zwischenrunde")
    assert "Round of 16" in error.expected


@pytest.mark.parametrize("title", ["= UEFA Champions League 2025/27", "= UEFA Champions League"])
def test_title_needs_a_season_of_consecutive_years(title: str) -> None:
    error = raises(title + "\n» 1. Round\n  Tue Jul/8 2025\n    A (AAA)  v  B (BBB)\n")
    assert_points_at(error, "bad/cl.txt", 1, title)


def test_weekday_that_does_not_fit_the_date() -> None:
    error = raises(GOOD.replace("  Tue Sep/16 2025\n", "  Wed Sep/16 2025\n"))
    assert_points_at(error, "bad/cl.txt", 7, "Wed Sep/16 2025")


def test_half_time_above_the_result() -> None:
    line = "    21.00  Arsenal FC (ENG)  v  Chelsea FC (ENG)  0-2 (1-1)"
    error = raises(GOOD.replace("    21.00  Arsenal FC (ENG)  v  Chelsea FC (ENG)  2-2 (1-1)", line))
    assert_points_at(error, "bad/cl.txt", 9, line)


def test_third_meeting_in_a_two_legged_round() -> None:
    body = "» Round of 16\n" + "".join(
        f"  {day} 2026\n    {home}  v  {away}  1-0\n" for day, home, away in [
            ("Tue Mar/10", "A (AAA)", "B (BBB)"), ("Tue Mar/17", "B (BBB)", "A (AAA)"),
            ("Tue Mar/24", "A (AAA)", "B (BBB)")])
    error = raises(HEADER + body)
    assert_points_at(error, "bad/cl.txt", 10, "    A (AAA)  v  B (BBB)  1-0")


def test_too_many_matches_for_a_group() -> None:
    days = ["Tue Sep/16", "Tue Sep/23", "Tue Sep/30", "Tue Oct/7", "Tue Oct/14", "Tue Oct/21", "Tue Oct/28"]
    body = "» Group A\n" + "".join(f"  {day} 2025\n    A (AAA)  v  B (BBB)  1-0\n" for day in days)
    error = raises(HEADER + body)
    assert_points_at(error, "bad/cl.txt", 18, "    A (AAA)  v  B (BBB)  1-0")
