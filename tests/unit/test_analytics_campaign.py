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


# --- rest days and schedules against the row-by-row versions they replaced ------------------------

def _reference_previous(schedule: pd.DataFrame, team: str, before: dt.date) -> pd.Series | None:
    earlier = schedule[(schedule["team"] == team) & (schedule["date"] < before)]
    return None if earlier.empty else earlier.sort_values("date", kind="stable").iloc[-1]


def _reference_label(row: pd.Series) -> str:
    where = "h" if row["home_away"] == "home" else "a"
    return f"{row['competition_name']} {row['round']} v {row['opponent']} ({where})"


def _reference_rest_days(fixtures: pd.DataFrame, schedules: pd.DataFrame) -> pd.DataFrame:
    with_league = set(schedules.loc[schedules["stage"] == "domestic", "team"])
    rows = []
    for f in fixtures.itertuples(index=False):
        opp = _reference_previous(schedules, f.opponent, f.date)
        own = _reference_previous(schedules, f.team, f.date)
        rows.append({
            "round": f.round, "date": f.date, "opponent": f.opponent, "home_away": f.home_away, "venue": f.venue,
            "score": f.score, "result": f.result,
            "opponent_previous_date": None if opp is None else opp["date"],
            "opponent_previous": None if opp is None else _reference_label(opp),
            "opponent_rest_days": None if opp is None else (f.date - opp["date"]).days,
            "opponent_league_in_data": f.opponent in with_league,
            "team_previous_date": None if own is None else own["date"],
            "team_previous": None if own is None else _reference_label(own),
            "team_rest_days": None if own is None else (f.date - own["date"]).days,
            "team_league_in_data": f.team in with_league,
        })
    frame = pd.DataFrame(rows, columns=campaign.REST_COLUMNS)
    for col in ("opponent_rest_days", "team_rest_days"):
        frame[col] = frame[col].astype("Int64")
    return frame


def _reference_schedules_around(fixtures: pd.DataFrame, schedules: pd.DataFrame, *, days: int) -> pd.DataFrame:
    rows = []
    for f in fixtures.itertuples(index=False):
        own = schedules[schedules["team"] == f.opponent]
        window = dt.timedelta(days=days)
        near = own[(own["date"] >= f.date - window) & (own["date"] <= f.date + window)]
        for r in near.itertuples(index=False):
            rows.append({
                "opponent": f.opponent, "meeting_round": f.round, "meeting_date": f.date, "date": r.date,
                "days_from_meeting": (r.date - f.date).days, "competition": r.competition,
                "competition_name": r.competition_name, "stage": r.stage, "round": r.round,
                "home_away": r.home_away, "against": r.opponent, "score": r.score, "result": r.result,
                "is_meeting": bool(r.match_id == f.match_id),
            })
    return pd.DataFrame(rows, columns=campaign.AROUND_COLUMNS)


def _fixtures_and_schedules(session: Session, team: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    fixtures = q.team_matches(session, team=team, date_from=dt.date(2010, 1, 1), date_to=dt.date(2030, 12, 31),
                              stages=["League phase"])
    ids = [int(fixtures["team_id"].iloc[0]), *dict.fromkeys(int(i) for i in fixtures["opponent_id"])]
    schedules = q.matches_of_teams(session, team_ids=ids, date_from=min(fixtures["date"]) - dt.timedelta(days=51),
                                   date_to=max(fixtures["date"]) + dt.timedelta(days=21), all_stages=True)
    return fixtures, schedules


@pytest.mark.parametrize("team", ["Kairat", "Arsenal", "Real Madrid", "Copenhagen", "Inter"])
def test_rest_days_and_schedules_equal_the_row_by_row_computation(session: Session, team: str) -> None:
    fixtures, schedules = _fixtures_and_schedules(session, team)
    pd.testing.assert_frame_equal(campaign.rest_days(fixtures, schedules), _reference_rest_days(fixtures, schedules))
    for days in (0, 7, 21):
        pd.testing.assert_frame_equal(campaign.schedules_around(fixtures, schedules, days=days),
                                      _reference_schedules_around(fixtures, schedules, days=days))


def test_rest_days_with_two_matches_on_one_day_and_none_before(session: Session) -> None:
    fixtures, schedules = _fixtures_and_schedules(session, "Kairat")
    first = fixtures.iloc[[0]]
    # The opponent's previous match twice on the same day (listed twice): the later listed one counts.
    before = schedules["date"] < first["date"].iloc[0]
    opponent_rows = schedules[(schedules["team"] == first["opponent"].iloc[0]) & before]
    doubled = pd.concat([schedules, opponent_rows.tail(1).assign(round="MDx")]).sort_values("date", kind="stable")
    rest = campaign.rest_days(first, doubled)
    assert rest["opponent_previous"].iloc[0].split(" v ")[0].endswith("MDx")
    pd.testing.assert_frame_equal(rest, _reference_rest_days(first, doubled))
    nothing_before = schedules[schedules["date"] >= first["date"].iloc[0]]
    rest = campaign.rest_days(first, nothing_before)
    assert rest["team_rest_days"].isna().all() and rest["opponent_previous"].isna().all()
    pd.testing.assert_frame_equal(rest, _reference_rest_days(first, nothing_before))
    empty = campaign.rest_days(fixtures.iloc[:0], schedules)
    assert list(empty.columns) == campaign.REST_COLUMNS and empty.empty
    assert campaign.schedules_around(fixtures.iloc[:0], schedules).empty
