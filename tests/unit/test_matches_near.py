"""matches_near: the few rows of the sides' schedules that rest days and the schedules around each
meeting read give the same results as all of them."""

import datetime as dt
from collections.abc import Iterator

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from analytics import campaign
from analytics import queries as q
from analytics.queries import matches

RANGES = [(dt.date(2025, 7, 1), dt.date(2026, 5, 31)), (dt.date(2010, 1, 1), dt.date(2030, 12, 31)),
          (dt.date(2024, 7, 1), dt.date(2025, 6, 30))]


@pytest.fixture(scope="module")
def session(bundled_engine: Engine) -> Iterator[Session]:
    with Session(bundled_engine) as s:
        yield s


def _both(session: Session, team: str, date_from: dt.date, date_to: dt.date,
          days: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None:
    fixtures = q.team_matches(session, team=team, date_from=date_from, date_to=date_to, stages=["League phase"])
    if fixtures.empty:
        return None
    ids = [int(fixtures["team_id"].iloc[0]), *dict.fromkeys(int(i) for i in fixtures["opponent_id"])]
    window = {"date_from": min(fixtures["date"]) - dt.timedelta(days=days + 30),
              "date_to": max(fixtures["date"]) + dt.timedelta(days=days)}
    every = q.matches_of_teams(session, team_ids=ids, **window, all_stages=True)
    meetings = [(int(o), d) for o, d in zip(fixtures["opponent_id"], fixtures["date"], strict=True)]
    near = q.matches_near(session, team_id=ids[0], meetings=meetings, **window, days=days)
    return fixtures, every, near


@pytest.mark.parametrize("days", [0, 21])
@pytest.mark.parametrize("team", ["Kairat", "Arsenal", "Real Madrid", "Copenhagen", "Club Brugge", "Pafos"])
def test_rest_days_and_schedules_read_the_same_from_the_near_rows(session: Session, team: str, days: int) -> None:
    for date_from, date_to in RANGES:
        found = _both(session, team, date_from, date_to, days)
        if found is None:
            continue
        fixtures, every, near = found
        assert list(near.columns) == q.MATCH_COLUMNS
        assert len(near) <= len(every) and set(near["match_id"]) <= set(every["match_id"])
        pd.testing.assert_frame_equal(campaign.rest_days(fixtures, near), campaign.rest_days(fixtures, every))
        pd.testing.assert_frame_equal(campaign.schedules_around(fixtures, near, days=days),
                                      campaign.schedules_around(fixtures, every, days=days))
        for frame in (near, every):  # the page's "is the team's own league in the data"
            assert ((frame["team"] == team) & (frame["stage"] == "domestic")).any() == (
                (every["team"] == team) & (every["stage"] == "domestic")).any()


def test_no_meetings_no_rows(session: Session) -> None:
    near = q.matches_near(session, team_id=1, meetings=[], date_from=dt.date(2025, 1, 1),
                          date_to=dt.date(2025, 12, 31), days=21)
    assert near.empty and list(near.columns) == q.MATCH_COLUMNS


def test_every_match_of_the_last_day_before_a_meeting() -> None:
    by_team = {1: [("2025-09-01", 10, "DOMESTIC"), ("2025-09-10", 11, "LEAGUE"), ("2025-09-10", 12, "DOMESTIC")],
               2: [("2025-08-01", 20, "QUALIFYING"), ("2025-09-20", 21, "LEAGUE")]}
    wanted = matches._near_ids(by_team, 1, [(2, dt.date(2025, 9, 20))], 3)
    # team 1: both matches of 10 Sep; team 2: 1 Aug (before) and 20 Sep (the meeting, within 3 days);
    # one domestic match of team 1 (team 2 has none).
    assert wanted == {11, 12, 20, 21}
