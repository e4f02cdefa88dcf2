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
