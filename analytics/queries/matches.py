"""Teams, one team's matches (its side: opponent, result, rest days, trips), the league phase."""

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import (
    Date,
    String,
    case,
    cast,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session

from analytics.queries.common import (
    CHAMPIONS_LEAGUE,
    read_frame,
    stored_stages,
)
from models import Competition, Match, Team, Venue, core_table
from models.vocabulary import Stage

MATCH_COLUMNS = [
    "match_id", "season", "competition", "competition_name", "stage", "round", "leg", "date",
    "kickoff_utc", "kickoff_local", "utc_offset", "team", "team_id", "home_away", "opponent",
    "opponent_id", "team_goals", "opponent_goals", "result", "score", "extra_time", "team_pens",
    "opponent_pens", "home", "away", "venue", "venue_city", "venue_lat", "venue_lon", "team_lat",
    "team_lon", "opponent_lat", "opponent_lon", "attendance", "referee", "facts_id", "source",
]


# --- teams ----------------------------------------------------------------------------------

def teams(session: Session) -> pd.DataFrame:
    """Every team in the data.

    Columns: team_id, team, full_name, country, city, lat, lon — ordered by team.
    """
    t = core_table(Team).c
    stmt = select(t.id.label("team_id"), t.name.label("team"), t.full_name, t.country, t.city, t.lat,
                  t.lon).order_by(t.name)
    return read_frame(session, stmt)


def team_names(session: Session) -> list[str]:
    """Every team name, sorted: the options of the team selector."""
    t = core_table(Team).c
    return list(session.connection().execute(select(t.name).order_by(t.name)).scalars())


def team_id(session: Session, *, team: str) -> int | None:
    """Id of the team called exactly `team`, or None when there is none."""
    t = core_table(Team).c
    return session.connection().execute(select(t.id).where(t.name == team)).scalar_one_or_none()


# --- matches from one team's side -------------------------------------------------------------

def _side_select(team_ids: Sequence[int], side: str, date_from: dt.date, date_to: dt.date,
                 stages: tuple[str, ...] | None, competitions: Sequence[str] | None) -> Select[Any]:
    m = core_table(Match).c
    own, other = aliased(core_table(Team)), aliased(core_table(Team))
    v = core_table(Venue).c
    c = core_table(Competition).c
    home = side == "home"
    own_id, other_id = (m.home_team_id, m.away_team_id) if home else (m.away_team_id, m.home_team_id)
    own_goals, other_goals = (m.home_goals, m.away_goals) if home else (m.away_goals, m.home_goals)
    own_pens, other_pens = (m.home_pens, m.away_pens) if home else (m.away_pens, m.home_pens)
    conditions: list[ColumnElement[bool]] = [
        own_id.in_(list(team_ids)) if len(team_ids) > 1 else own_id == team_ids[0],
        m.date >= date_from, m.date <= date_to,
    ]
    if stages is not None:
        conditions.append(m.stage.in_(list(stages)))
    if competitions is not None:
        conditions.append(c.code.in_(list(competitions)))
    return (
        select(
            m.id.label("match_id"), m.season, c.code.label("competition"), c.name.label("competition_name"),
            m.stage, m.round, m.leg, m.date, m.kickoff_utc, m.kickoff_local, m.utc_offset,
            own.c.name.label("team"), own.c.id.label("team_id"), literal(side).label("home_away"),
            other.c.name.label("opponent"), other.c.id.label("opponent_id"),
            own_goals.label("team_goals"), other_goals.label("opponent_goals"), m.extra_time,
            own_pens.label("team_pens"), other_pens.label("opponent_pens"),
            v.name.label("venue"), v.city.label("venue_city"), v.lat.label("venue_lat"),
            v.lon.label("venue_lon"), own.c.lat.label("team_lat"), own.c.lon.label("team_lon"),
            other.c.lat.label("opponent_lat"), other.c.lon.label("opponent_lon"),
            m.attendance, m.referee, m.facts_id, m.source,
        )
        .select_from(core_table(Match))
        .join(c.id.table, c.id == m.competition_id)
        .join(own, own.c.id == own_id)
        .join(other, other.c.id == other_id)
        .outerjoin(v.id.table, v.id == m.venue_id)
        .where(*conditions)
    )


def matches_of_teams(session: Session, *, team_ids: Sequence[int], date_from: dt.date, date_to: dt.date,
                     stages: Sequence[str] | None = None, competitions: Sequence[str] | None = None,
                     all_stages: bool = False, limit: int | None = None) -> pd.DataFrame:
    """Matches of the given teams, one row per team and match, seen from that team's side.

    `stages` takes stage group labels ('Qualifying', 'League phase', 'Knockouts') or stored
    stages; None means every European stage, and `all_stages=True` adds domestic leagues.
    Columns: MATCH_COLUMNS — result is 'W', 'D', 'L' (after extra time, before a shoot-out)
    or None when unplayed; score is 'team–opponent' ('2–0'); home and away name the sides.
    Ordered by date, then kick-off.
    """
    if not team_ids:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    wanted = None if all_stages else stored_stages(stages)
    # One SELECT per side, each served by its own (team, date) index, glued with UNION ALL.
    both = union_all(*(_side_select(team_ids, side, date_from, date_to, wanted, competitions)
                       for side in ("home", "away"))).subquery()
    stmt = select(both).order_by(both.c.date, both.c.kickoff_utc, both.c.match_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    frame = read_frame(session, stmt)
    return _decorate(frame)


def _decorate(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    for col in ("leg", "team_goals", "opponent_goals", "team_pens", "opponent_pens", "attendance"):
        frame[col] = pd.to_numeric(frame[col]).astype("Int64")
    diff = frame["team_goals"] - frame["opponent_goals"]
    frame["result"] = [None if pd.isna(d) else "W" if d > 0 else "D" if d == 0 else "L" for d in diff]
    frame["score"] = ["" if pd.isna(d) else f"{a}–{b}"
                      for a, b, d in zip(frame["team_goals"], frame["opponent_goals"], diff, strict=True)]
    is_home = frame["home_away"] == "home"
    frame["home"] = frame["team"].where(is_home, frame["opponent"])
    frame["away"] = frame["opponent"].where(is_home, frame["team"])
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    frame["extra_time"] = frame["extra_time"].astype(bool)
    return frame[MATCH_COLUMNS].reset_index(drop=True)


def matches_near(session: Session, *, team_id: int, meetings: Sequence[tuple[int, dt.date]], date_from: dt.date,
                 date_to: dt.date, days: int) -> pd.DataFrame:
    """The rows of matches_of_teams(team and opponents, date_from..date_to, all_stages=True) that
    campaign.rest_days and campaign.schedules_around read for the team's meetings, given as
    (opponent id, date): each side's latest match before each meeting (all of that day's), each
    opponent's matches within `days` of its meeting, and one domestic match of each side that has
    any (which says its league is in the data). Those functions give the same results on these rows
    as on all of them. Columns: MATCH_COLUMNS, in matches_of_teams' order.

    Over a long date range the sides play thousands of matches; joining and decorating every one
    was most of the opponents page's time, so a light first pass (ids, dates and stages, from the
    team/date indexes) picks the few hundred rows that matter."""
    team_ids = [team_id, *dict.fromkeys(opponent for opponent, _ in meetings)]
    if not meetings:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    m = core_table(Match).c
    light = union_all(*(
        select(own.label("team_id"), cast(m.date, String).label("day"), m.id, cast(m.stage, String).label("stage"))
        .where(own.in_(team_ids), m.date >= date_from, m.date <= date_to)
        for own in (m.home_team_id, m.away_team_id))).subquery()
    by_team: dict[int, list[tuple[str, int, str]]] = {}
    for tid, day, match_id, stage in session.connection().execute(select(light).order_by(light.c.day)):
        by_team.setdefault(int(tid), []).append((str(day)[:10], int(match_id), str(stage)))
    wanted = _near_ids(by_team, team_id, meetings, days)
    if not wanted:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    both = union_all(*(_side_select(team_ids, side, date_from, date_to, None, None).where(m.id.in_(sorted(wanted)))
                       for side in ("home", "away"))).subquery()
    stmt = select(both).order_by(both.c.date, both.c.kickoff_utc, both.c.match_id)
    return _decorate(read_frame(session, stmt))


def _near_ids(by_team: dict[int, list[tuple[str, int, str]]], team_id: int,
              meetings: Sequence[tuple[int, dt.date]], days: int) -> set[int]:
    """Match ids for matches_near, from each team's (ISO day, match id, stored stage) in day order."""
    days_of = {tid: [day for day, _, _ in rows] for tid, rows in by_team.items()}
    wanted: set[int] = set()
    for opponent, when in meetings:
        for side in (team_id, opponent):  # every match of the side on its last day before the meeting
            rows = by_team.get(side, [])
            at = bisect.bisect_left(days_of.get(side, []), when.isoformat()) - 1
            last = rows[at][0] if at >= 0 else None
            while at >= 0 and rows[at][0] == last:
                wanted.add(rows[at][1])
                at -= 1
        low, high = (when - dt.timedelta(days=days)).isoformat(), (when + dt.timedelta(days=days)).isoformat()
        wanted.update(match_id for day, match_id, _ in by_team.get(opponent, []) if low <= day <= high)
    for rows in by_team.values():  # one domestic match says that the side's league is in the data
        wanted.update([match_id for _, match_id, stage in rows if stage == Stage.DOMESTIC.name][-1:])
    return wanted


def team_matches(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                 stages: Sequence[str] | None = None, limit: int | None = None) -> pd.DataFrame:
    """Champions League matches of `team` in the date range and stages (see matches_of_teams).

    Columns: MATCH_COLUMNS. Empty when the team is unknown.
    """
    tid = team_id(session, team=team)
    if tid is None:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    return matches_of_teams(session, team_ids=[tid], date_from=date_from, date_to=date_to, stages=stages,
                            competitions=[CHAMPIONS_LEAGUE], limit=limit)


def team_match_count(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                     stages: Sequence[str] | None = None) -> int:
    """How many rows team_matches would return."""
    tid = team_id(session, team=team)
    if tid is None:
        return 0
    both = union_all(*(_side_select([tid], side, date_from, date_to, stored_stages(stages), [CHAMPIONS_LEAGUE])
                       for side in ("home", "away"))).subquery()
    return int(session.connection().execute(select(func.count()).select_from(both)).scalar_one())


def team_record(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                stages: Sequence[str] | None = None) -> pd.DataFrame:
    """The team's Champions League record, counted in SQL (one row).

    Columns: matches, played, won, drawn, lost, goals_for, goals_against (0 when nothing matches).
    """
    columns = ["matches", "played", "won", "drawn", "lost", "goals_for", "goals_against"]
    tid = team_id(session, team=team)
    if tid is None:
        return pd.DataFrame([dict.fromkeys(columns, 0)], columns=columns)
    both = union_all(*(_side_select([tid], side, date_from, date_to, stored_stages(stages), [CHAMPIONS_LEAGUE])
                       for side in ("home", "away"))).subquery()
    played = both.c.team_goals.is_not(None) & both.c.opponent_goals.is_not(None)

    def count_if(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    stmt = select(
        func.count().label("matches"), count_if(played).label("played"),
        count_if(played & (both.c.team_goals > both.c.opponent_goals)).label("won"),
        count_if(played & (both.c.team_goals == both.c.opponent_goals)).label("drawn"),
        count_if(played & (both.c.team_goals < both.c.opponent_goals)).label("lost"),
        func.coalesce(func.sum(both.c.team_goals), 0).label("goals_for"),
        func.coalesce(func.sum(both.c.opponent_goals), 0).label("goals_against"),
    )
    return read_frame(session, stmt, columns).astype("int64")


DESTINATION_COLUMNS = ["opponent", "home_away", "venue", "venue_city", "venue_lat", "venue_lon", "team_lat",
                       "team_lon", "opponent_lat", "opponent_lon", "matches", "first_date", "round"]


def team_destinations(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                      stages: Sequence[str] | None = None) -> pd.DataFrame:
    """Where the team played, grouped in SQL by venue, opponent and side (input of campaign.trips).

    Columns: opponent, home_away, venue, venue_city, venue_lat, venue_lon, team_lat, team_lon,
    opponent_lat, opponent_lon, matches (how many), first_date, round (of the first such match
    when there is one, else the alphabetically first).
    """
    tid = team_id(session, team=team)
    if tid is None:
        return pd.DataFrame(columns=DESTINATION_COLUMNS)
    both = union_all(*(_side_select([tid], side, date_from, date_to, stored_stages(stages), [CHAMPIONS_LEAGUE])
                       for side in ("home", "away"))).subquery()
    keys = [both.c.opponent, both.c.home_away, both.c.venue, both.c.venue_city, both.c.venue_lat, both.c.venue_lon,
            both.c.team_lat, both.c.team_lon, both.c.opponent_lat, both.c.opponent_lon]
    stmt = (select(*keys, func.count().label("matches"), func.min(both.c.date).label("first_date"),
                   func.min(both.c.round).label("round"))
            .group_by(*keys).order_by(func.min(both.c.date)))
    frame = read_frame(session, stmt, DESTINATION_COLUMNS)
    frame["first_date"] = pd.to_datetime(frame["first_date"]).dt.date
    return frame


def _month(column: Any, dialect: str) -> Any:
    if dialect == "sqlite":
        return func.strftime("%Y-%m-01", column)
    return cast(func.date_trunc("month", column), Date)


def team_results_by_month(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                          stages: Sequence[str] | None = None) -> pd.DataFrame:
    """Champions League results of `team` counted per month, stage and result (for long ranges).

    Columns: month (first day, date), stage, result ('W','D','L','-'), matches.
    """
    tid = team_id(session, team=team)
    columns = ["month", "stage", "result", "matches"]
    if tid is None:
        return pd.DataFrame(columns=columns)
    dialect = session.connection().dialect.name
    parts = []
    for side in ("home", "away"):
        sub = _side_select([tid], side, date_from, date_to, stored_stages(stages), [CHAMPIONS_LEAGUE]).subquery()
        result = case((sub.c.team_goals.is_(None), "-"), (sub.c.team_goals > sub.c.opponent_goals, "W"),
                      (sub.c.team_goals == sub.c.opponent_goals, "D"), else_="L")
        parts.append(select(_month(sub.c.date, dialect).label("month"), sub.c.stage, result.label("result")))
    both = union_all(*parts).subquery()
    stmt = (select(both.c.month, both.c.stage, both.c.result, func.count().label("matches"))
            .group_by(both.c.month, both.c.stage, both.c.result).order_by(both.c.month))
    frame = read_frame(session, stmt, columns)
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


# --- league phase -----------------------------------------------------------------------------

LEAGUE_COLUMNS = ["match_id", "season", "round", "date", "home", "away", "home_goals", "away_goals"]


def league_phase_results(session: Session, *, season: str) -> pd.DataFrame:
    """Every league-phase match of a Champions League season (input of analytics.standings).

    Columns: match_id, season, round ('MD1'..'MD8'), date, home, away, home_goals, away_goals.
    """
    m = core_table(Match).c
    c = core_table(Competition).c
    home, away = aliased(core_table(Team)), aliased(core_table(Team))
    stmt = (
        select(m.id.label("match_id"), m.season, m.round, m.date, home.c.name.label("home"),
               away.c.name.label("away"), m.home_goals, m.away_goals)
        .select_from(core_table(Match))
        .join(c.id.table, c.id == m.competition_id)
        .join(home, home.c.id == m.home_team_id)
        .join(away, away.c.id == m.away_team_id)
        .where(m.season == season, m.stage == Stage.LEAGUE.value, c.code == CHAMPIONS_LEAGUE)
        .order_by(m.date, m.id)
    )
    frame = read_frame(session, stmt, LEAGUE_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def league_seasons(session: Session, *, date_from: dt.date, date_to: dt.date) -> list[str]:
    """Champions League seasons with league-phase matches in the date range, newest first."""
    m = core_table(Match).c
    stmt = (select(m.season).where(m.stage == Stage.LEAGUE.value, m.date >= date_from, m.date <= date_to)
            .distinct().order_by(m.season.desc()))
    return list(session.connection().execute(stmt).scalars())
