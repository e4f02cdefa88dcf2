"""Indexes the dashboard's filters rely on, created if missing (SQLite and PostgreSQL).

The tables' own single-column indexes come with the models; these composite ones
serve the queries in analytics.queries: one team's matches in a date range (one
index per side, read by the two halves of a UNION ALL), a season's league phase,
and the quotes and statements tied to a match.
"""

import logging

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

INDEXES: dict[str, tuple[str, str]] = {
    "ix_match_home_team_id_date": ("match", "home_team_id, date"),
    "ix_match_away_team_id_date": ("match", "away_team_id, date"),
    "ix_match_stage_season": ("match", "stage, season"),
    "ix_quote_match_id": ("quote", "match_id"),
    "ix_statement_match_id": ("statement", "match_id"),
    "ix_claim_source_date": ("claim", "source_date"),
}


def ensure_indexes(engine: Engine) -> list[str]:
    """Create the missing indexes; return the names created. Never raises (a read-only
    database simply runs without them)."""
    created: list[str] = []
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.begin() as conn:
            for name, (table, columns) in INDEXES.items():
                if table not in tables:
                    continue
                existing = {ix["name"] for ix in inspect(conn).get_indexes(table)}
                if name in existing:
                    continue
                conn.execute(text(f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" ({columns})'))
                created.append(name)
    except SQLAlchemyError as exc:
        log.warning("could not create indexes: %s", exc)
    return created
