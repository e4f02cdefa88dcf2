"""Filters in, tidy DataFrames out: every filter is pushed into SQL.

Each function takes an open `Session` and keyword-only filters, and returns a
DataFrame whose columns are listed in its docstring. Nothing here loads a whole
table to filter it in pandas; where a chart would draw more than a few thousand
markers, there is a companion function that aggregates in SQL.
"""

import bisect
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    cast,
    distinct,
    func,
    literal,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.schema import CreateTable
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session

from analytics.indexes import TEAM_ITEM, TEAM_WORDS, team_items_fresh, team_token, team_words_ready
from analytics.search import ids_matching, match_expression, team_quote_ids_matching
from models import Article, Claim, Competition, Match, Mention, Person, Quote, Statement, Team, Venue, core_table
from models.vocabulary import Stage

CHAMPIONS_LEAGUE = "cl"
CAMPAIGN_START = dt.date(2025, 7, 1)
CAMPAIGN_END = dt.date(2026, 5, 31)
DEFAULT_TEAM = "Kairat"

# The stage filter offers three groups; each stands for these stored stages.
STAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "Qualifying": (Stage.QUALIFYING.value,),
    "League phase": (Stage.LEAGUE.value, Stage.GROUP.value),
    "Knockouts": (
        Stage.KNOCKOUT_PLAYOFF.value, Stage.ROUND_OF_32.value, Stage.ROUND_OF_16.value,
        Stage.QUARTER_FINAL.value, Stage.SEMI_FINAL.value, Stage.FINAL.value,
    ),
}
EUROPEAN_STAGES: tuple[str, ...] = tuple(s for group in STAGE_GROUPS.values() for s in group)

MATCH_COLUMNS = [
    "match_id", "season", "competition", "competition_name", "stage", "round", "leg", "date",
    "kickoff_utc", "kickoff_local", "utc_offset", "team", "team_id", "home_away", "opponent",
    "opponent_id", "team_goals", "opponent_goals", "result", "score", "extra_time", "team_pens",
    "opponent_pens", "home", "away", "venue", "venue_city", "venue_lat", "venue_lon", "team_lat",
    "team_lon", "opponent_lat", "opponent_lon", "attendance", "referee", "facts_id", "source",
]


def _stages(groups_or_stages: Sequence[str] | None) -> tuple[str, ...]:
    """Stage group labels ('Qualifying') or stored stage values ('qualifying') -> stored values."""
    if groups_or_stages is None:
        return EUROPEAN_STAGES
    out: list[str] = []
    for item in groups_or_stages:
        out.extend(STAGE_GROUPS.get(item, (item,)))
    return tuple(dict.fromkeys(out))


def _frame(session: Session, statement: Any, columns: Sequence[str] | None = None) -> pd.DataFrame:
    result = session.connection().execute(statement)
    # Plain tuples: pandas probes each row for attributes, and on SQLAlchemy's Row every failed probe
    # raises and catches an exception inside SQLAlchemy (a few microseconds per row).
    frame = pd.DataFrame([tuple(row) for row in result.fetchall()], columns=list(result.keys()))
    if columns is not None:
        frame = frame.reindex(columns=list(columns))
    return frame


# --- teams ----------------------------------------------------------------------------------

def teams(session: Session) -> pd.DataFrame:
    """Every team in the data.

    Columns: team_id, team, full_name, country, city, lat, lon — ordered by team.
    """
    t = core_table(Team).c
    stmt = select(t.id.label("team_id"), t.name.label("team"), t.full_name, t.country, t.city, t.lat,
                  t.lon).order_by(t.name)
    return _frame(session, stmt)


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
    wanted = None if all_stages else _stages(stages)
    # One SELECT per side, each served by its own (team, date) index, glued with UNION ALL.
    both = union_all(*(_side_select(team_ids, side, date_from, date_to, wanted, competitions)
                       for side in ("home", "away"))).subquery()
    stmt = select(both).order_by(both.c.date, both.c.kickoff_utc, both.c.match_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    frame = _frame(session, stmt)
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
    return _decorate(_frame(session, stmt))


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
    both = union_all(*(_side_select([tid], side, date_from, date_to, _stages(stages), [CHAMPIONS_LEAGUE])
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
    both = union_all(*(_side_select([tid], side, date_from, date_to, _stages(stages), [CHAMPIONS_LEAGUE])
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
    return _frame(session, stmt, columns).astype("int64")


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
    both = union_all(*(_side_select([tid], side, date_from, date_to, _stages(stages), [CHAMPIONS_LEAGUE])
                       for side in ("home", "away"))).subquery()
    keys = [both.c.opponent, both.c.home_away, both.c.venue, both.c.venue_city, both.c.venue_lat, both.c.venue_lon,
            both.c.team_lat, both.c.team_lon, both.c.opponent_lat, both.c.opponent_lon]
    stmt = (select(*keys, func.count().label("matches"), func.min(both.c.date).label("first_date"),
                   func.min(both.c.round).label("round"))
            .group_by(*keys).order_by(func.min(both.c.date)))
    frame = _frame(session, stmt, DESTINATION_COLUMNS)
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
        sub = _side_select([tid], side, date_from, date_to, _stages(stages), [CHAMPIONS_LEAGUE]).subquery()
        result = case((sub.c.team_goals.is_(None), "-"), (sub.c.team_goals > sub.c.opponent_goals, "W"),
                      (sub.c.team_goals == sub.c.opponent_goals, "D"), else_="L")
        parts.append(select(_month(sub.c.date, dialect).label("month"), sub.c.stage, result.label("result")))
    both = union_all(*parts).subquery()
    stmt = (select(both.c.month, both.c.stage, both.c.result, func.count().label("matches"))
            .group_by(both.c.month, both.c.stage, both.c.result).order_by(both.c.month))
    frame = _frame(session, stmt, columns)
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
    frame = _frame(session, stmt, LEAGUE_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def league_seasons(session: Session, *, date_from: dt.date, date_to: dt.date) -> list[str]:
    """Champions League seasons with league-phase matches in the date range, newest first."""
    m = core_table(Match).c
    stmt = (select(m.season).where(m.stage == Stage.LEAGUE.value, m.date >= date_from, m.date <= date_to)
            .distinct().order_by(m.season.desc()))
    return list(session.connection().execute(stmt).scalars())


# --- quotes and reported statements ------------------------------------------------------------

QUOTE_COLUMNS = [
    "kind", "item_id", "date", "speaker", "speaker_team", "text", "outlet", "language", "url",
    "article_title", "question", "setting", "match_id", "source",
]
WEEK_COLUMNS = ["week", "speaker", "speaker_team", "kind", "items"]
MENTION_COLUMNS = ["name", "kind", "mentions", "quotes"]
KINDS = ("quote", "statement")
# The Quote timeline's queries: ui.data refreshes team_item (and the full-text index) before running them.
QUOTE_QUERIES = ("quotes", "quote_count", "quotes_by_week", "quote_filter_options", "mentions_in_quotes",
                 "quote_summary")


def _team_match_ids(tid: int) -> Any:
    m = core_table(Match).c
    return select(m.id).where(or_(m.home_team_id == tid, m.away_team_id == tid))


def _week(column: Any, dialect: str) -> Any:
    """Monday of the ISO week of a date column."""
    if dialect == "sqlite":
        return func.date(column, "weekday 0", "-6 days")
    return cast(func.date_trunc("week", column), Date)


def _defined_team_items(tid: int, dialect: str) -> Any:
    """The rows team_item holds for team `tid`, computed from their definition (any database).

    A quote is about the team when its speaker belongs to it, when its match is the team's or
    when its article mentions the team; a statement when its team or its match is the team's.
    Columns as team_item's: team_id, said_on, kind, item_id, week, speaker, speaker_team, outlet,
    language.
    """
    q = core_table(Quote).c
    a = core_table(Article).c
    p = core_table(Person).c
    t = core_table(Team).c
    mn = core_table(Mention).c
    s = core_table(Statement).c
    quotes_about = (
        select(literal(tid).label("team_id"), q.said_on.label("said_on"), literal("quote").label("kind"),
               q.id.label("item_id"), _week(q.said_on, dialect).label("week"),
               func.coalesce(p.name, q.speaker, "unknown speaker").label("speaker"),
               func.coalesce(t.name, "").label("speaker_team"),
               func.coalesce(a.outlet, "unknown outlet").label("outlet"), a.language.label("language"))
        .select_from(core_table(Quote))
        .join(a.id.table, a.id == q.article_id)
        .outerjoin(p.id.table, p.id == q.person_id)
        .outerjoin(t.id.table, t.id == p.team_id)
        .where(q.said_on.is_not(None), or_(
            p.team_id == tid,
            q.match_id.in_(_team_match_ids(tid)),
            q.article_id.in_(select(mn.article_id).where(mn.team_id == tid)),
        ))
    )
    statements_about = (
        select(literal(tid), s.said_on, literal("statement"), s.id, _week(s.said_on, dialect), s.speaker,
               func.coalesce(t.name, ""), s.outlet, s.language)
        .select_from(core_table(Statement))
        .outerjoin(t.id.table, t.id == s.team_id)
        .where(s.said_on.is_not(None), or_(s.team_id == tid, s.match_id.in_(_team_match_ids(tid))))
    )
    return union_all(quotes_about, statements_about).subquery("team_items")


def _selection(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
               speakers: Sequence[str] | None, outlets: Sequence[str] | None,
               languages: Sequence[str] | None, search: str | None,
               kinds: Sequence[str] = KINDS) -> tuple[Any, list[Any]] | None:
    """Where the team's quotes and statements are read from, and the filters as conditions on it
    (None for an unknown team).

    The derived table team_item while it is fresh: one contiguous read of the team's rows in the
    date range, where the definition's OR would test every quote of the period; a word search then
    reads the team's own postings in TEAM_WORDS. Otherwise the same rows from the definition, so the
    answers never depend on the derived data.
    """
    tid = team_id(session, team=team)
    if tid is None:
        return None
    conn = session.connection()
    source = TEAM_ITEM if team_items_fresh(conn) else _defined_team_items(tid, conn.dialect.name)
    c = source.c
    conditions: list[Any] = [c.team_id == tid, c.said_on >= date_from, c.said_on <= date_to]
    if tuple(kinds) != KINDS:
        conditions.append(c.kind.in_(list(kinds)))
    if speakers:
        conditions.append(c.speaker.in_(list(speakers)))
    if outlets:
        conditions.append(c.outlet.in_(list(outlets)))
    if languages:
        conditions.append(c.language.in_(list(languages)))
    words = (search or "").strip()
    if words:
        team_words = source is TEAM_ITEM and team_words_ready(conn)
        conditions.append(or_(*(
            and_(c.kind == kind, team_quote_ids_matching(TEAM_WORDS, team_token(tid), words, c.item_id)
                 if kind == "quote" and team_words else ids_matching(session, kind, words, c.item_id))
            for kind in kinds)))
    return source, conditions


def _quote_rows() -> Select[Any]:
    """QUOTE_COLUMNS of quotes (the caller adds which ones)."""
    q = core_table(Quote).c
    a = core_table(Article).c
    p = core_table(Person).c
    t = core_table(Team).c
    return (
        select(
            literal("quote").label("kind"), q.id.label("item_id"), q.said_on.label("date"),
            func.coalesce(p.name, q.speaker, "unknown speaker").label("speaker"),
            func.coalesce(t.name, "").label("speaker_team"), q.text.label("text"),
            func.coalesce(a.outlet, "unknown outlet").label("outlet"), a.language.label("language"),
            a.url.label("url"), a.title.label("article_title"), q.question.label("question"),
            cast(null(), String).label("setting"), q.match_id.label("match_id"),
            func.coalesce(a.url, a.source_file, "").label("source"),
        )
        .select_from(core_table(Quote))
        .join(a.id.table, a.id == q.article_id)
        .outerjoin(p.id.table, p.id == q.person_id)
        .outerjoin(t.id.table, t.id == p.team_id)
    )


def _statement_rows() -> Select[Any]:
    """QUOTE_COLUMNS of reported statements (the caller adds which ones)."""
    s = core_table(Statement).c
    t = core_table(Team).c
    return (
        select(
            literal("statement").label("kind"), s.id.label("item_id"), s.said_on.label("date"),
            s.speaker.label("speaker"), func.coalesce(t.name, "").label("speaker_team"),
            s.paraphrase.label("text"), s.outlet.label("outlet"), s.language.label("language"),
            s.source.label("url"), cast(null(), String).label("article_title"),
            cast(null(), String).label("question"), s.setting.label("setting"), s.match_id.label("match_id"),
            s.source.label("source"),
        )
        .select_from(core_table(Statement))
        .outerjoin(t.id.table, t.id == s.team_id)
    )


def quotes(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
           speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
           languages: Sequence[str] | None = None, search: str | None = None,
           limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Verbatim quotes and reported statements about `team`, oldest first.

    A quote is about the team when its speaker plays or works for it, when it is tied to one of
    the team's matches, or when its article mentions the team; a statement when its team or
    match is the team's. `search` is matched as words (full-text index where available).
    Columns: kind ('quote' | 'statement'), item_id, date, speaker, speaker_team, text (verbatim
    for a quote, a paraphrase for a statement), outlet, language, url, article_title, question,
    setting, match_id, source.
    """
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search)
    if picked is None:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return _items_page(session, _hits(*picked).subquery("hits"), limit=limit, offset=offset)


def _items_page(session: Session, hits: Any, *, limit: int | None, offset: int) -> pd.DataFrame:
    """QUOTE_COLUMNS of the items among `hits` (kind, item_id, said_on ...), oldest first, from `offset`.

    The page is picked on the narrow rows first; only its texts, titles and links are then read."""
    page = (select(hits.c.kind, hits.c.item_id).order_by(hits.c.said_on, hits.c.kind, hits.c.item_id)
            .offset(offset))
    if limit is not None:
        page = page.limit(limit)
    picked_page = page.cte("page")
    q = core_table(Quote).c
    s = core_table(Statement).c
    both = union_all(
        _quote_rows().where(q.id.in_(select(picked_page.c.item_id).where(picked_page.c.kind == "quote"))),
        _statement_rows().where(s.id.in_(select(picked_page.c.item_id).where(picked_page.c.kind == "statement"))),
    ).subquery()
    stmt = select(both).order_by(both.c.date, both.c.kind, both.c.item_id)
    frame = _streamed_frame(session, stmt, QUOTE_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def quote_count(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                languages: Sequence[str] | None = None, search: str | None = None) -> pd.DataFrame:
    """How many quotes and statements match. Columns: kind, items."""
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search)
    if picked is None:
        return pd.DataFrame(columns=["kind", "items"])
    source, conditions = picked
    stmt = (select(source.c.kind, func.count().label("items")).where(*conditions)
            .group_by(source.c.kind).order_by(source.c.kind))
    return _frame(session, stmt, ["kind", "items"])


# A word search's matching items, read once for the several summaries of quote_summary (one per connection).
_HITS = Table("quote_hits", MetaData(), Column("kind", String), Column("item_id", Integer),
              Column("said_on", Date), Column("week", Date), Column("speaker", String),
              Column("speaker_team", String), schema="temp")


def _streamed_frame(session: Session, statement: Any, columns: Sequence[str]) -> pd.DataFrame:
    """_frame for results of thousands of rows: rows are read one at a time into one list per column,
    so they never all exist at once. A full list of rows outlives a garbage collection or two and is
    promoted to the oldest generation, whose collection (tens of milliseconds in a running app) it
    then brings forward."""
    result = session.connection().execute(statement)
    names = list(result.keys())
    values: list[list[Any]] = [[] for _ in names]
    for row in result:
        for column, value in zip(values, row, strict=True):
            column.append(value)
    return pd.DataFrame(dict(zip(names, values, strict=True))).reindex(columns=list(columns))


def _hits(source: Any, conditions: list[Any]) -> Select[Any]:
    c = source.c
    return select(c.kind, c.item_id, c.said_on, c.week, c.speaker, c.speaker_team).where(*conditions)


@contextmanager
def _read_once(session: Session, source: Any, conditions: list[Any], search: str | None) -> Iterator[Any]:
    """The matching items as a FROM clause (kind, item_id, said_on, week, speaker, speaker_team) for several
    statements. A word search over team_item is run once into a temporary table: as a subquery, every
    statement would read the full-text index and the team's rows again. Anything else stays a subquery
    (a contiguous read of team_item, or the definition on other databases)."""
    if source is not TEAM_ITEM or not (search or "").strip():
        yield _hits(source, conditions).subquery("hits")
        return
    conn = session.connection()
    conn.execute(CreateTable(_HITS, if_not_exists=True))
    conn.execute(_HITS.delete())
    conn.execute(_HITS.insert().from_select(list(_HITS.c.keys()), _hits(source, conditions)))
    try:
        yield _HITS
    finally:
        conn.execute(_HITS.delete())


def _weeks(session: Session, hits: Any) -> pd.DataFrame:
    """Items per ISO week, speaker and kind, every speaker (WEEK_COLUMNS; week as a date)."""
    c = hits.c
    stmt = (select(c.week, c.speaker, func.max(c.speaker_team).label("speaker_team"), c.kind,
                   func.count().label("items"))
            .group_by(c.week, c.speaker, c.kind))
    frame = _streamed_frame(session, stmt, WEEK_COLUMNS)
    frame["week"] = pd.to_datetime(frame["week"]).dt.date
    return frame


def _busiest(weeks: pd.DataFrame, top_speakers: int) -> pd.DataFrame:
    """The weeks of the `top_speakers` speakers with most items (ties by name, as SQL would order them)."""
    totals = weeks.groupby("speaker")["items"].sum()
    busiest = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:top_speakers]
    picked = weeks[weeks["speaker"].isin([name for name, _ in busiest])]
    return picked.sort_values(["week", "speaker", "kind"]).reset_index(drop=True)


def _mentions(session: Session, hits: Any, top: int) -> pd.DataFrame:
    """Who is named inside the quotes among `hits` (MENTION_COLUMNS), most named first."""
    mn = core_table(Mention).c
    p = core_table(Person).c
    t = core_table(Team).c
    name = func.coalesce(p.name, t.name, mn.surface)
    kind = case((p.name.is_not(None), "person"), (t.name.is_not(None), "team"), else_="name")
    stmt = (
        select(name.label("name"), kind.label("kind"), func.count().label("mentions"),
               func.count(distinct(mn.quote_id)).label("quotes"))
        .select_from(hits)
        .join(mn.id.table, mn.quote_id == hits.c.item_id)
        .outerjoin(p.id.table, p.id == mn.person_id)
        .outerjoin(t.id.table, t.id == mn.team_id)
        .where(hits.c.kind == "quote")
        .group_by(name, kind)
        .order_by(func.count().desc(), name)
        .limit(top)
    )
    return _frame(session, stmt, MENTION_COLUMNS)


def quotes_by_week(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                   speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                   languages: Sequence[str] | None = None, search: str | None = None,
                   top_speakers: int = 30) -> pd.DataFrame:
    """Quotes and statements counted per ISO week, speaker and kind, for the busiest speakers.

    Columns: week (Monday, date), speaker, speaker_team, kind, items.
    """
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search)
    if picked is None:
        return pd.DataFrame(columns=WEEK_COLUMNS)
    # One pass counts every speaker's weeks; the busiest speakers are then picked from those counts
    # (a second pass to rank them would read the rows, and run the word search, twice).
    return _busiest(_weeks(session, _hits(*picked).subquery("hits")), top_speakers)


def mentions_in_quotes(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                       speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                       languages: Sequence[str] | None = None, search: str | None = None,
                       top: int = 20) -> pd.DataFrame:
    """Who is named inside the quotes that pass the filters, counted in SQL.

    Columns: name (person, else team, else the words as written), kind ('person' | 'team' |
    'name'), mentions (number of mentions), quotes (number of distinct quotes).
    """
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search, kinds=("quote",))
    if picked is None:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    return _mentions(session, _hits(*picked).subquery("hits"), top)


def quote_summary(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                  speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                  languages: Sequence[str] | None = None, search: str | None = None,
                  top_speakers: int = 30, top_mentions: int = 20, first: int = 20,
                  max_items: int = 0) -> dict[str, pd.DataFrame]:
    """What the quote page shows for one filter, from one read of the matching items: with a word
    search, the search runs once (into a temporary table) instead of once per summary.

    "counts": quote_count's frame (kind, items); "weekly": quotes_by_week's (week, speaker,
    speaker_team, kind, items; the `top_speakers` busiest); "mentions": mentions_in_quotes's (name,
    kind, mentions, quotes; the `top_mentions` most named); "items": every item, as quotes() gives
    them (QUOTE_COLUMNS), when there are at most `max_items` of them, else no rows; "first": the
    `first` oldest items, as quotes(limit=first) gives them.
    """
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search)
    if picked is None:
        return {"counts": pd.DataFrame(columns=["kind", "items"]), "weekly": pd.DataFrame(columns=WEEK_COLUMNS),
                "mentions": pd.DataFrame(columns=MENTION_COLUMNS), "items": pd.DataFrame(columns=QUOTE_COLUMNS),
                "first": pd.DataFrame(columns=QUOTE_COLUMNS)}
    with _read_once(session, *picked, search) as hits:
        weeks = _weeks(session, hits)
        total = int(weeks["items"].sum())
        items = _items_page(session, hits, limit=None, offset=0) if total <= max_items else None
        first_items = items.head(first) if items is not None else _items_page(session, hits, limit=first, offset=0)
        mentions = _mentions(session, hits, top_mentions)
    counts = weeks.groupby("kind")["items"].sum().reset_index()  # grouped keys come sorted, as SQL orders them
    return {"counts": counts[["kind", "items"]], "weekly": _busiest(weeks, top_speakers), "mentions": mentions,
            "items": items if items is not None else pd.DataFrame(columns=QUOTE_COLUMNS), "first": first_items}


def quote_filter_options(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                         limit: int = 500) -> dict[str, list[str]]:
    """Speakers, outlets and languages present for the team and dates (each at most `limit`)."""
    out: dict[str, list[str]] = {"speaker": [], "outlet": [], "language": []}
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=None,
                        outlets=None, languages=None, search=None)
    if picked is None:
        return out
    source, conditions = picked
    conn = session.connection()
    for name in out:
        col = source.c[name]
        stmt = (select(col).where(*conditions, col.is_not(None)).group_by(col)
                .order_by(func.count().desc(), col).limit(limit))
        out[name] = sorted(str(v) for v in conn.execute(stmt).scalars())
    return out


# --- articles and claims -----------------------------------------------------------------------

ARTICLE_COLUMNS = ["article_id", "title", "outlet", "author", "published", "language", "url", "source_file",
                   "quotes", "claims", "claims_false"]
CLAIM_COLUMNS = ["claim_id", "article_id", "article_title", "source", "source_date", "claim", "subject",
                 "attribute", "claimed_value", "verdict", "correct_value", "checkable_from", "evidence"]


def _article_dates(a: Any, date_from: dt.date | None, date_to: dt.date | None) -> list[Any]:
    conditions: list[Any] = []
    if date_from is not None:
        start = dt.datetime.combine(date_from, dt.time(), tzinfo=dt.UTC)
        conditions.append(or_(a.published_utc.is_(None), a.published_utc >= start))
    if date_to is not None:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        conditions.append(or_(a.published_utc.is_(None), a.published_utc < end))
    return conditions


def _claim_dates(cl: Any, date_from: dt.date | None, date_to: dt.date | None) -> list[Any]:
    conditions: list[Any] = []
    if date_from is not None:
        conditions.append(or_(cl.source_date.is_(None), cl.source_date >= date_from))
    if date_to is not None:
        conditions.append(or_(cl.source_date.is_(None), cl.source_date <= date_to))
    return conditions


def articles(session: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
             limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Articles with their metadata and how many quotes and claims each holds, newest first.

    Articles without a publication date are always listed. `limit`/`offset` page through them.
    Columns: article_id, title, outlet, author, published (UTC datetime or None), language, url,
    source_file, quotes, claims, claims_false (claims whose verdict starts with 'false').
    """
    a = core_table(Article).c
    q = core_table(Quote).c
    cl = core_table(Claim).c
    quote_n = select(func.count()).where(q.article_id == a.id).scalar_subquery()
    claim_n = select(func.count()).where(cl.article_id == a.id).scalar_subquery()
    false_n = select(func.count()).where(cl.article_id == a.id, func.lower(cl.verdict).like("false%")) \
        .scalar_subquery()
    stmt = (select(a.id.label("article_id"), a.title, a.outlet, a.author, a.published_utc.label("published"),
                   a.language, a.url, a.source_file, quote_n.label("quotes"), claim_n.label("claims"),
                   false_n.label("claims_false"))
            .where(*_article_dates(a, date_from, date_to)).order_by(a.published_utc.desc(), a.id).offset(offset))
    if limit is not None:
        stmt = stmt.limit(limit)
    return _frame(session, stmt, ARTICLE_COLUMNS)


def article_count(session: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None) -> int:
    """How many articles `articles` would list without a limit."""
    a = core_table(Article).c
    stmt = select(func.count()).select_from(core_table(Article)).where(*_article_dates(a, date_from, date_to))
    return int(session.connection().execute(stmt).scalar_one())


def claims(session: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
           article_ids: Sequence[int] | None = None, without_article: bool = False,
           limit: int | None = None) -> pd.DataFrame:
    """Checked claims (from the articles and from the press) with verdict and evidence.

    Claims without a date are always listed. `article_ids` keeps the claims of those articles;
    with `without_article=True`, the claims that no stored article holds are kept as well (or
    alone, when `article_ids` is empty). Columns: claim_id, article_id, article_title, source,
    source_date, claim, subject, attribute, claimed_value, verdict, correct_value, checkable_from,
    evidence. Ordered by source date, then claim id.
    """
    cl = core_table(Claim).c
    a = core_table(Article).c
    conditions = _claim_dates(cl, date_from, date_to)
    if article_ids is not None or without_article:
        which = []
        if article_ids:
            which.append(cl.article_id.in_(list(article_ids)))
        if without_article:
            which.append(cl.article_id.is_(None))
        conditions.append(or_(*which) if which else literal(False))
    stmt = (select(cl.claim_id, cl.article_id, a.title.label("article_title"), cl.source, cl.source_date,
                   cl.claim, cl.subject, cl.attribute, cl.claimed_value, cl.verdict, cl.correct_value,
                   cl.checkable_from, cl.evidence)
            .select_from(core_table(Claim)).outerjoin(a.id.table, a.id == cl.article_id)
            .where(*conditions).order_by(cl.source_date, cl.claim_id))
    if limit is not None:
        stmt = stmt.limit(limit)
    return _frame(session, stmt, CLAIM_COLUMNS)


def verdict_group(verdict: str) -> str:
    """'true (with nuance)' -> 'true'; 'false' -> 'false'; anything else -> 'unverified'."""
    head = str(verdict).strip().lower()
    for group in ("false", "true", "partly", "misleading"):
        if head.startswith(group):
            return group
    return "unverified"


def claims_by_source(session: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                     top: int = 25) -> pd.DataFrame:
    """Claims counted per source and verdict (computed in SQL), for the `top` sources with most claims.

    Columns: source (article title, else the source as written), verdict, claims, sources (how
    many sources there are in all, before the cut to `top`).
    """
    cl = core_table(Claim).c
    a = core_table(Article).c
    conditions = _claim_dates(cl, date_from, date_to)
    source = func.coalesce(a.title, cl.source)
    ranked = (select(source.label("source")).select_from(core_table(Claim))
              .outerjoin(a.id.table, a.id == cl.article_id).where(*conditions)
              .group_by(source).order_by(func.count().desc(), source).limit(top))
    total = select(func.count(distinct(source))).select_from(core_table(Claim)) \
        .outerjoin(a.id.table, a.id == cl.article_id).where(*conditions).scalar_subquery()
    stmt = (select(source.label("source"), cl.verdict, func.count().label("claims"), total.label("sources"))
            .select_from(core_table(Claim)).outerjoin(a.id.table, a.id == cl.article_id)
            .where(*conditions, source.in_(ranked)).group_by(source, cl.verdict).order_by(source, cl.verdict))
    return _frame(session, stmt, ["source", "verdict", "claims", "sources"])


def row_counts(session: Session) -> dict[str, int]:
    """Rows in the article-side tables: article, quote, mention, claim, statement."""
    conn = session.connection()
    out = {}
    for model in (Article, Quote, Mention, Claim, Statement):
        table = core_table(model)
        out[table.name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    return out


# --- whole tables, for downloads ---------------------------------------------------------------

EXPORT_TABLES = ("matches", "teams", "venues", "people", "goals", "articles", "quotes", "mentions",
                 "claims", "statements", "competitions")


# Export name -> stored table (matches are exported with names instead of ids: see whole_table_statement).
STORED_TABLES = {"teams": "team", "venues": "venue", "people": "person", "goals": "goal", "articles": "article",
                 "quotes": "quote", "mentions": "mention", "claims": "claim", "statements": "statement",
                 "competitions": "competition"}


def whole_table_statement(*, table: str) -> Any:
    """The statement behind whole_table: for matches typed columns with team, venue and competition
    names; for the other tables `SELECT *`, values as stored. Ordered by id."""
    if table not in EXPORT_TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(EXPORT_TABLES)}")
    if table != "matches":
        return text(f"SELECT * FROM {STORED_TABLES[table]} ORDER BY id")
    m = core_table(Match).c
    # Named aliases: analytics.table_csv writes SQL around these columns by name.
    home = aliased(core_table(Team), name="home_team")
    away = aliased(core_table(Team), name="away_team")
    v = core_table(Venue).c
    c = core_table(Competition).c
    return (select(m.id, m.key, c.code.label("competition"), m.season, m.stage, m.round, m.group, m.leg,
                   m.date, m.kickoff_utc, m.kickoff_local, m.utc_offset, home.c.name.label("home"),
                   away.c.name.label("away"), m.home_goals, m.away_goals, m.home_goals_ht, m.away_goals_ht,
                   m.extra_time, m.home_pens, m.away_pens, m.status, v.name.label("venue"),
                   v.city.label("city"), m.attendance, m.referee, m.facts_id, m.notes, m.source)
            .select_from(core_table(Match)).join(c.id.table, c.id == m.competition_id)
            .join(home, home.c.id == m.home_team_id).join(away, away.c.id == m.away_team_id)
            .outerjoin(v.id.table, v.id == m.venue_id).order_by(m.id))


def whole_table(session: Session, *, table: str) -> pd.DataFrame:
    """A whole table as stored (matches with team, venue and competition names). Only for downloads;
    analytics.table_csv writes the same table as CSV without building this frame."""
    return _frame(session, whole_table_statement(table=table))


__all__ = [
    "CAMPAIGN_END", "CAMPAIGN_START", "DEFAULT_TEAM", "EUROPEAN_STAGES", "EXPORT_TABLES", "MATCH_COLUMNS",
    "MENTION_COLUMNS", "QUOTE_COLUMNS", "QUOTE_QUERIES", "STAGE_GROUPS", "WEEK_COLUMNS", "articles", "claims",
    "claims_by_source", "league_phase_results",
    "league_seasons", "match_expression", "matches_near", "matches_of_teams", "mentions_in_quotes", "quote_count",
    "quote_filter_options", "quote_summary", "quotes", "quotes_by_week", "team_id", "team_match_count", "team_matches",
    "team_names", "team_results_by_month", "teams", "verdict_group", "whole_table", "whole_table_statement",
]
