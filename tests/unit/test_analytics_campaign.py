"""Ties, trips, rest days and headline numbers from one team's side."""

import datetime as dt
from collections.abc import Iterator

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from analytics import campaign, standings
from analytics import queries as q

CAMPAIGN = {"date_from": q.CAMPAIGN_START, "date_to": q.CAMPAIGN_END}


@pytest.fixture(scope="module")
def session(bundled_engine: Engine) -> Iterator[Session]:
    with Session(bundled_engine) as s:
        yield s


def test_kairats_four_ties_two_on_penalties(session: Session) -> None:
    ties = campaign.ties(q.team_matches(session, team="Kairat", **CAMPAIGN, stages=["Qualifying"]))
    assert list(ties.columns) == campaign.TIE_COLUMNS
    assert list(ties["round"]) == ["Q1", "Q2", "Q3", "PO"]
    assert list(ties["opponent"]) == ["Olimpija Ljubljana", "KuPS", "Slovan Bratislava", "Celtic"]
    assert list(ties["aggregate"]) == ["3–1", "3–2", "1–1", "0–0"]
    assert list(ties["shootout"]) == ["", "", "4–3", "3–2"]
    assert list(ties["decided_by"]) == ["aggregate", "aggregate", "penalties", "penalties"]
    assert set(ties["outcome"]) == {"through"}
    assert list(ties["extra_time"]) == [False, False, True, True]
    q1 = ties.iloc[0]
    assert (q1["leg1_home_away"], q1["leg1_venue"], q1["leg2_venue"]) == ("away", "Stadion Stožice",
                                                                          "Almaty Central Stadium")


def test_a_team_knocked_out_in_qualifying(session: Session) -> None:
    ties = campaign.ties(q.team_matches(session, team="Celtic", **CAMPAIGN, stages=["Qualifying"]))
    last = ties.iloc[-1]
    assert (last["round"], last["opponent"], last["outcome"], last["shootout"]) == ("PO", "Kairat", "eliminated",
                                                                                    "2–3")


def test_league_phase_entrants_have_no_qualifying_ties(session: Session) -> None:
    assert campaign.ties(q.team_matches(session, team="Arsenal", **CAMPAIGN, stages=["Qualifying"])).empty


def legs(season: str, rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """Two legs: (home_away, team_goals, opponent_goals)."""
    return pd.DataFrame([{
        "season": season, "stage": "qualifying", "round": "Q2", "opponent": "X", "leg": i,
        "date": dt.date(2015, 7, 1) + dt.timedelta(days=7 * i), "home_away": ha, "venue": None,
        "team_goals": tg, "opponent_goals": og, "score": f"{tg}–{og}", "result": "W" if tg > og else "D" if tg == og
        else "L", "extra_time": False, "team_pens": None, "opponent_pens": None,
    } for i, (ha, tg, og) in enumerate(rows, 1)])


def test_away_goals_decide_level_ties_until_2020_21_only() -> None:
    old = campaign.ties(legs("2015-16", [("away", 1, 1), ("home", 0, 0)]))
    assert (old.iloc[0]["outcome"], old.iloc[0]["decided_by"]) == ("through", "away goals")
    new = campaign.ties(legs("2022-23", [("away", 1, 1), ("home", 0, 0)]))
    assert new.iloc[0]["outcome"] == "undecided"


def test_trips_measure_every_away_venue_and_the_moved_home_matches(session: Session) -> None:
    dest = q.team_destinations(session, team="Kairat", **CAMPAIGN)
    trips = campaign.trips(dest)
    assert list(trips.columns) == campaign.TRIP_COLUMNS
    assert trips["matches"].sum() == 10  # 8 away legs + 2 home matches in Astana
    by_city = trips.groupby("venue_city")["km_one_way"].first()
    assert by_city["Milan"] == pytest.approx(5230, abs=20)
    assert by_city["Astana"] == pytest.approx(970, abs=30)
    assert (trips["km_round_trip"] == 2 * trips["km_one_way"] * trips["matches"]).all() or \
        (abs(trips["km_round_trip"] - 2 * trips["km_one_way"] * trips["matches"]) <= 2).all()
    # Same distances from the per-match rows as from the grouped destinations.
    per_match = campaign.trips(q.team_matches(session, team="Kairat", **CAMPAIGN))
    assert per_match["km_round_trip"].sum() == pytest.approx(trips["km_round_trip"].sum(), abs=10)


def test_summary_of_kairats_campaign(session: Session) -> None:
    record = q.team_record(session, team="Kairat", **CAMPAIGN)
    table = standings.table(q.league_phase_results(session, season="2025-26"))
    s = campaign.summary(record, team="Kairat", destinations=q.team_destinations(session, team="Kairat", **CAMPAIGN),
                         table=table)
    assert (s.played, s.league_points, s.league_position, s.league_teams) == (16, 1, 36, 36)
    assert s.km_travelled > 50_000
    assert s.trips == 10
    celtic = campaign.summary(q.team_record(session, team="Celtic", **CAMPAIGN), team="Celtic",
                              destinations=q.team_destinations(session, team="Celtic", **CAMPAIGN), table=table)
    assert celtic.league_position is None and celtic.played == 2


def test_rest_days_for_both_sides(session: Session) -> None:
    fixtures = q.team_matches(session, team="Kairat", **CAMPAIGN, stages=["League phase"])
    ids = [int(fixtures["team_id"].iloc[0]), *{int(i) for i in fixtures["opponent_id"]}]
    schedules = q.matches_of_teams(session, team_ids=ids, date_from=dt.date(2025, 7, 1), date_to=dt.date(2026, 3, 1),
                                   all_stages=True)
    rest = campaign.rest_days(fixtures, schedules)
    assert list(rest.columns) == campaign.REST_COLUMNS
    md1 = rest.set_index("round").loc["MD1"]
    assert md1["team_rest_days"] == (dt.date(2025, 9, 18) - dt.date(2025, 8, 26)).days
    assert not md1["team_league_in_data"]
    inter = rest.set_index("opponent").loc["Inter"]
    assert inter["opponent_league_in_data"]
    assert 2 <= inter["opponent_rest_days"] <= 7
    around = campaign.schedules_around(fixtures, schedules, days=21)
    assert around["is_meeting"].sum() == 8
    assert around["days_from_meeting"].abs().max() <= 21


def test_ordinal() -> None:
    assert [campaign.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 36)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "36th"]
