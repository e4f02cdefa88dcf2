"""League tables and the table after each matchday."""

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from analytics import queries, standings


def results(*rows: tuple[str, str, str, int | None, int | None]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["round", "home", "away", "home_goals", "away_goals"])


def test_points_then_goal_difference_then_goals_scored() -> None:
    table = standings.table(results(
        ("MD1", "A", "B", 3, 0),   # A 3 pts, GD +3
        ("MD1", "C", "D", 1, 0),   # C 3 pts, GD +1
        ("MD2", "B", "C", 2, 2),   # B 1, C 4
        ("MD2", "D", "A", 4, 3),   # D 3, A 3 (GD +2, GF 6)
    ))
    assert list(table["team"]) == ["C", "A", "D", "B"]
    assert list(table["points"]) == [4, 3, 3, 1]
    assert list(table["position"]) == [1, 2, 3, 4]
    a = table.set_index("team").loc["A"]
    assert (a["won"], a["lost"], a["goals_for"], a["goals_against"], a["goal_difference"]) == (1, 1, 6, 4, 2)


def test_goals_scored_breaks_a_tie_on_points_and_difference() -> None:
    table = standings.table(results(("MD1", "A", "X", 3, 2), ("MD1", "B", "Y", 1, 0)))
    assert list(table["team"])[:2] == ["A", "B"]


def test_away_goals_break_a_tie_on_points_difference_and_goals() -> None:
    # A and B: 3 pts, GD +1, 2 goals each; B scored its goals away.
    table = standings.table(results(("MD1", "A", "X", 2, 1), ("MD1", "Y", "B", 1, 2)))
    assert list(table["team"])[:2] == ["B", "A"]


def test_unplayed_matches_count_for_nothing_but_list_the_teams() -> None:
    table = standings.table(results(("MD1", "A", "B", None, None)), teams=["C"])
    assert set(table["team"]) == {"A", "B", "C"}
    assert table["played"].sum() == 0


def test_empty_results_give_an_empty_table() -> None:
    assert standings.table(results()).empty
    assert standings.table_by_matchday(results()).empty


def test_table_by_matchday_is_cumulative() -> None:
    by_day = standings.table_by_matchday(results(
        ("MD1", "A", "B", 1, 0), ("MD2", "B", "A", 3, 0), ("MD3", "A", "B", None, None)))
    assert sorted(by_day["matchday"].unique()) == [1, 2]
    after = by_day.set_index(["matchday", "team"])
    assert after.loc[(1, "A"), "position"] == 1
    assert after.loc[(2, "B"), "position"] == 1
    assert after.loc[(2, "B"), "points"] == 3
    assert after.loc[(2, "A"), "played"] == 2


def test_matchday_number() -> None:
    assert standings.matchday_number("MD8") == 8
    assert standings.matchday_number("PO") is None


@pytest.fixture(scope="module")
def league_2025(bundled_engine: Engine) -> pd.DataFrame:
    with Session(bundled_engine) as session:
        return queries.league_phase_results(session, season="2025-26")


def test_kairat_finish_36th_with_one_point_after_md8(league_2025: pd.DataFrame) -> None:
    by_day = standings.table_by_matchday(league_2025)
    final = by_day[by_day["matchday"] == 8].set_index("team")
    assert len(final) == 36
    assert final.loc["Kairat", "position"] == 36
    assert final.loc["Kairat", "points"] == 1
    assert final.loc["Kairat", "goal_difference"] == 7 - 22
    assert final.loc["Arsenal", "position"] == 1
    assert final.loc["Arsenal", "points"] == 24


def test_final_table_matches_the_last_matchday(league_2025: pd.DataFrame) -> None:
    table = standings.table(league_2025)
    by_day = standings.table_by_matchday(league_2025)
    last = by_day[by_day["matchday"] == by_day["matchday"].max()]
    assert list(table["team"]) == list(last.sort_values("position")["team"])


# --- the vectorised table against the straightforward one it replaced -----------------------------

def _reference_table(matches: pd.DataFrame, *, teams: list[str] | None = None) -> pd.DataFrame:
    """The table computed one match at a time (the implementation standings.table replaced)."""
    played = matches.dropna(subset=["home_goals", "away_goals"])
    names = set(teams or []) | set(matches["home"]) | set(matches["away"])
    rows = {name: dict.fromkeys(standings.TABLE_COLUMNS[2:], 0) for name in names}
    faced: dict[str, list[str]] = {name: [] for name in names}
    for home, away, hg, ag in played[standings.RESULT_COLUMNS].itertuples(index=False):
        for team, scored, conceded, away_side in ((home, int(hg), int(ag), False), (away, int(ag), int(hg), True)):
            row = rows[team]
            row["played"] += 1
            row["goals_for"] += scored
            row["goals_against"] += conceded
            row["goal_difference"] = row["goals_for"] - row["goals_against"]
            row["away_goals_for"] += scored if away_side else 0
            row["won"] += scored > conceded
            row["away_wins"] += scored > conceded and away_side
            row["drawn"] += scored == conceded
            row["lost"] += scored < conceded
            row["points"] += 3 if scored > conceded else 1 if scored == conceded else 0
        faced[home].append(away)
        faced[away].append(home)
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "team"
    frame = frame.reset_index()
    if frame.empty:
        return pd.DataFrame(columns=standings.TABLE_COLUMNS)
    by_team = frame.set_index("team")
    for col in ("points", "goal_difference", "goals_for"):
        frame[f"opp_{col}"] = [int(by_team.loc[faced[t], col].sum()) if faced[t] else 0 for t in frame["team"]]
    keys = ["points", "goal_difference", "goals_for", "away_goals_for", "won", "away_wins",
            "opp_points", "opp_goal_difference", "opp_goals_for"]
    frame = frame.sort_values([*keys, "team"], ascending=[False] * len(keys) + [True], kind="mergesort")
    frame["position"] = range(1, len(frame) + 1)
    return frame[standings.TABLE_COLUMNS].reset_index(drop=True)


def test_table_equals_the_match_by_match_computation_on_the_2025_26_league_phase(league_2025: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(standings.table(league_2025), _reference_table(league_2025))
    for day in range(1, 9):
        so_far = league_2025[league_2025["round"].map(standings.matchday_number) <= day]
        teams = sorted(set(league_2025["home"]) | set(league_2025["away"]))
        pd.testing.assert_frame_equal(standings.table(so_far, teams=teams), _reference_table(so_far, teams=teams))


def test_table_equals_the_match_by_match_computation_with_ties_everywhere() -> None:
    # Every criterion tied somewhere: equal points and goals decided by away goals, away wins, the
    # opponents' results (B and C met the same teams; a rematch counts twice) and at last the name.
    matches = results(
        ("MD1", "A", "B", 1, 1), ("MD1", "C", "D", 2, 2), ("MD1", "E", "F", 0, 0),
        ("MD2", "B", "C", 0, 1), ("MD2", "D", "A", 1, 2), ("MD2", "F", "E", 3, 3),
        ("MD3", "C", "B", 1, 0), ("MD3", "A", "D", 2, 1), ("MD3", "G", "H", None, None),
        ("MD4", "B", "A", 2, 2), ("MD4", "E", "C", 1, 1), ("MD4", "H", "F", 0, 1),
    )
    new, old = standings.table(matches, teams=["Z"]), _reference_table(matches, teams=["Z"])
    pd.testing.assert_frame_equal(new, old)
    assert new.loc[new["team"] == "Z", "played"].item() == 0
    pd.testing.assert_frame_equal(standings.table(matches.iloc[:0]), _reference_table(matches.iloc[:0]))


def test_table_with_nullable_integer_goals() -> None:
    matches = results(("MD1", "A", "B", 2, 1), ("MD2", "B", "A", None, None))
    matches = matches.astype({"home_goals": "Int64", "away_goals": "Int64"})
    pd.testing.assert_frame_equal(standings.table(matches), _reference_table(matches))


def _reference_by_matchday(matches: pd.DataFrame) -> pd.DataFrame:
    numbered = matches.assign(matchday=matches["round"].map(standings.matchday_number)).dropna(subset=["matchday"])
    teams = sorted(set(numbered["home"]) | set(numbered["away"]))
    scored = numbered.dropna(subset=["home_goals", "away_goals"])
    frames = []
    for day in sorted(int(d) for d in scored["matchday"].unique()):
        standing = _reference_table(scored[scored["matchday"] <= day], teams=teams)
        standing.insert(0, "round", f"MD{day}")
        standing.insert(0, "matchday", day)
        frames.append(standing[standings.BY_MATCHDAY_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def test_table_by_matchday_equals_the_table_recomputed_after_each_matchday(league_2025: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(standings.table_by_matchday(league_2025), _reference_by_matchday(league_2025))
    partial = league_2025[league_2025["round"].isin(["MD1", "MD2", "MD3"])].copy()
    partial.loc[partial["round"] == "MD3", ["home_goals", "away_goals"]] = None  # MD3 not played yet
    pd.testing.assert_frame_equal(standings.table_by_matchday(partial), _reference_by_matchday(partial))
