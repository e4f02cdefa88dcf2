"""Whole tables, for the download buttons."""

from typing import Any

import pandas as pd
from sqlalchemy import (
    select,
    text,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session

from analytics.queries.common import (
    read_frame,
)
from models import Competition, Match, Team, Venue, core_table

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
    return read_frame(session, whole_table_statement(table=table))
