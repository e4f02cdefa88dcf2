"""Cached access to the analytics layer.

One engine per database URL (`st.cache_resource`); query results cached by the
function name and its filter values (`st.cache_data`, bounded by ttl and
max_entries). Pages call `query("team_matches", team=..., ...)`, which keeps the
analytics functions free of Streamlit.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine, inspect
from sqlmodel import Session

from analytics import queries, standings
from analytics.indexes import ensure_indexes, ensure_team_items, team_items_fresh
from analytics.search import ensure_quote_index
from models import database_url, make_engine

CACHE_TTL = "10m"
REQUIRED_TABLES = {"match", "team", "competition"}


@st.cache_resource(show_spinner=False, max_entries=4)
def engine(url: str) -> Engine:
    made = make_engine(url)
    if set(inspect(made).get_table_names()) >= REQUIRED_TABLES:
        ensure_indexes(made)
        ensure_quote_index(made)
    return made


def current_engine() -> Engine:
    return engine(database_url())


@st.cache_data(ttl=CACHE_TTL, max_entries=16, show_spinner=False)
def database_problem(url: str) -> str | None:
    """A sentence when the database cannot serve the dashboard, else None."""
    try:
        tables = set(inspect(engine(url)).get_table_names())
    except Exception as exc:
        return f"The database at {url} cannot be opened ({exc.__class__.__name__})."
    if not tables >= REQUIRED_TABLES:
        return ("The database has not been built yet. Run `make run` (it builds it from the files in data/), "
                "or `python -m ingest build`.")
    with Session(engine(url)) as session:
        if not queries.team_names(session):
            return "The database is empty. Run `python -m ingest build` to load the bundled data."
    return None


def _freeze(value: Any) -> Any:
    if isinstance(value, list | set):
        return tuple(value)
    return value


def _refresh_quote_data(made: Engine, *, search: bool) -> None:
    """The quote queries read team_item and the full-text index: rebuild them first when the tables they
    come from changed since they were built (a rebuilt database under a running app). Cheap when nothing
    changed: one row read, kept up to date by triggers (analytics.indexes)."""
    with made.connect() as conn:
        if team_items_fresh(conn):
            return  # and so is the full-text index: the two are rebuilt together
    if not ensure_team_items(made) and search:
        ensure_quote_index(made)  # no team_item on this database: check the index on its own, as a search needs it


@st.cache_data(ttl=CACHE_TTL, max_entries=512, show_spinner=False)
def _cached(url: str, name: str, frozen: tuple[tuple[str, Any], ...]) -> Any:
    function: Callable[..., Any] = getattr(queries, name)
    if name in queries.QUOTE_QUERIES:
        _refresh_quote_data(engine(url), search=bool(dict(frozen).get("search")))
    with Session(engine(url)) as session:
        return function(session, **dict(frozen))


def query(name: str, **filters: Any) -> Any:
    """Run analytics.queries.<name>(session, **filters), cached by its filter values."""
    frozen = tuple(sorted((k, _freeze(v)) for k, v in filters.items()))
    return _cached(database_url(), name, frozen)


# League-phase tables depend on the season alone, not on the team or dates a page shows: cached apart
# from the page's queries, so a filter change reuses them instead of re-ranking the whole season.
@st.cache_data(ttl=CACHE_TTL, max_entries=64, show_spinner=False)
def _league_table(url: str, season: str, by_matchday: bool) -> pd.DataFrame:
    results = _cached(url, "league_phase_results", (("season", season),))
    return standings.table_by_matchday(results) if by_matchday else standings.table(results)


def league_table(season: str) -> pd.DataFrame:
    """standings.table of the season's league phase (TABLE_COLUMNS)."""
    return _league_table(database_url(), season, False)


def league_table_by_matchday(season: str) -> pd.DataFrame:
    """standings.table_by_matchday of the season's league phase (BY_MATCHDAY_COLUMNS)."""
    return _league_table(database_url(), season, True)


def whole_table_csv(table: str) -> bytes:
    """Built only when a download button is clicked (never cached: whole tables can be large)."""
    from analytics.table_csv import whole_table_csv as table_csv

    with Session(current_engine()) as session:
        return table_csv(session.connection(), table=table)


def whole_table_json(table: str) -> bytes:
    """Built only when a download button is clicked, like the CSV."""
    from analytics.table_json import whole_table_json as table_json

    with Session(current_engine()) as session:
        return table_json(session.connection(), table=table)


def team_names() -> list[str]:
    return list(query("team_names"))


def team_row(team: str) -> pd.Series | None:
    frame = query("teams")
    hit = frame[frame["team"] == team]
    return None if hit.empty else hit.iloc[0]


def date_label(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
