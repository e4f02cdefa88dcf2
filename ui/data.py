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

from analytics import queries
from analytics.indexes import ensure_indexes
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


@st.cache_data(ttl=CACHE_TTL, max_entries=512, show_spinner=False)
def _cached(url: str, name: str, frozen: tuple[tuple[str, Any], ...]) -> Any:
    function: Callable[..., Any] = getattr(queries, name)
    if dict(frozen).get("search"):
        # A word search reads the full-text index: refresh it first if the quotes changed since it was built
        # (a rebuilt database under a running app). Cheap when nothing changed.
        ensure_quote_index(engine(url))
    with Session(engine(url)) as session:
        return function(session, **dict(frozen))


def query(name: str, **filters: Any) -> Any:
    """Run analytics.queries.<name>(session, **filters), cached by its filter values."""
    frozen = tuple(sorted((k, _freeze(v)) for k, v in filters.items()))
    return _cached(database_url(), name, frozen)


def whole_table_csv(table: str) -> bytes:
    """Built only when a download button is clicked (never cached: whole tables can be large)."""
    from analytics.downloads import to_csv_bytes

    with Session(current_engine()) as session:
        return to_csv_bytes(queries.whole_table(session, table=table))


def whole_table_json(table: str) -> bytes:
    from analytics.downloads import to_json_bytes

    with Session(current_engine()) as session:
        return to_json_bytes(queries.whole_table(session, table=table))


def team_names() -> list[str]:
    return list(query("team_names"))


def team_row(team: str) -> pd.Series | None:
    frame = query("teams")
    hit = frame[frame["team"] == team]
    return None if hit.empty else hit.iloc[0]


def date_label(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
