"""Write a whole table to a stream as CSV or JSON, streaming rows so a large
table never sits in memory twice. The `matches` export names teams, venue and
competition instead of ids: users script against these column names."""

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy import Engine, select
from sqlalchemy.orm import aliased
from sqlmodel import SQLModel, col

from models import Competition, Match, Team, Venue, core_table
from models.tables import Article, Claim, Goal, Mention, Person, Quote, Statement, TeamAlias

MATCH_EXPORT_COLUMNS = [
    "season", "competition", "stage", "round", "leg", "date", "kickoff_utc", "home", "away",
    "home_goals", "away_goals", "home_goals_ht", "away_goals_ht", "extra_time", "home_pens",
    "away_pens", "venue", "city", "attendance", "source", "key", "group", "kickoff_local",
    "utc_offset", "status", "referee", "facts_id", "notes",
]
TABLES: dict[str, type[SQLModel]] = {
    "competitions": Competition, "teams": Team, "team_aliases": TeamAlias, "venues": Venue,
    "goals": Goal, "people": Person, "articles": Article, "quotes": Quote, "mentions": Mention,
    "claims": Claim, "statements": Statement,
}
EXPORTABLE = ["matches", *TABLES]


def matches_query() -> Any:
    home, away = aliased(Team), aliased(Team)
    m = Match
    columns = {
        "season": m.season, "competition": Competition.name, "stage": m.stage, "round": m.round,
        "leg": m.leg, "date": m.date, "kickoff_utc": m.kickoff_utc, "home": home.name,
        "away": away.name, "home_goals": m.home_goals, "away_goals": m.away_goals,
        "home_goals_ht": m.home_goals_ht, "away_goals_ht": m.away_goals_ht,
        "extra_time": m.extra_time, "home_pens": m.home_pens, "away_pens": m.away_pens,
        "venue": Venue.name, "city": Venue.city, "attendance": m.attendance, "source": m.source,
        "key": m.key, "group": m.group, "kickoff_local": m.kickoff_local,
        "utc_offset": m.utc_offset, "status": m.status, "referee": m.referee,
        "facts_id": m.facts_id, "notes": m.notes,
    }
    return (
        select(*(col(column).label(name) for name, column in columns.items()))
        .join(Competition, Competition.id == m.competition_id)  # type: ignore[arg-type]
        .join(home, home.id == m.home_team_id)  # type: ignore[arg-type]
        .join(away, away.id == m.away_team_id)  # type: ignore[arg-type]
        .outerjoin(Venue, Venue.id == m.venue_id)  # type: ignore[arg-type]
        .order_by(col(m.date), col(m.key))
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def _rows(engine: Engine, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    if table == "matches":
        query = matches_query()
    else:
        columns = core_table(TABLES[table]).c
        query = select(*columns).order_by(columns.id)
    conn = engine.connect()
    result = conn.execution_options(stream_results=True).execute(query)

    def stream() -> Iterator[tuple[Any, ...]]:
        try:
            for row in result:
                yield tuple(_plain(v) for v in row)
        finally:
            conn.close()

    return list(result.keys()), stream()


def export_table(engine: Engine, table: str, fmt: str, out: TextIO) -> int:
    if table not in EXPORTABLE:
        raise KeyError(f"Unknown table {table!r}; choose one of: {', '.join(EXPORTABLE)}.")
    columns, rows = _rows(engine, table)
    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
            count += 1
    else:
        out.write("[")
        for row in rows:
            record = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
            out.write(("," if count else "") + "\n" + record)
            count += 1
        out.write("\n]\n")
    return count
