"""Helpers of the naive baseline app (bench/naive_app.py): the way a first dashboard is often written.

On every rerun it loads whole tables as SQLModel objects into pandas, filters in pandas, plots every
row and builds every CSV/JSON download eagerly. No caching, no SQL filters, no aggregation. It is
kept beside the benchmark as the reference the real app is measured against; never use it as an
example.

Each step is timed into `EVENTS` (read by the benchmark when it runs the app in-process with
AppTest); outside the benchmark the list just grows by a few entries per rerun and is trimmed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st
from sqlmodel import Session, SQLModel, select

from models import Team, make_engine

EVENTS: list[dict[str, Any]] = []
_MAX_EVENTS = 10_000

STAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "Qualifying": ("qualifying",),
    "League phase": ("league", "group"),
    "Knockouts": ("knockout_playoff", "round_of_32", "round_of_16", "quarter_final", "semi_final", "final"),
}
CAMPAIGN_START, CAMPAIGN_END = dt.date(2025, 7, 1), dt.date(2026, 5, 31)
EARLIEST, LATEST = dt.date(2010, 1, 1), dt.date(2030, 12, 31)
FILTERS_KEY = "_naive_filters"


@contextmanager
def timed(name: str, **extra: Any) -> Iterator[dict[str, Any]]:
    """Time a step of the page and record it (kind: load, filter, figure, csv, json)."""
    event: dict[str, Any] = {"name": name, **extra}
    started = time.perf_counter()
    try:
        yield event
    finally:
        event["ms"] = (time.perf_counter() - started) * 1000
        EVENTS.append(event)
        if len(EVENTS) > _MAX_EVENTS:
            del EVENTS[: _MAX_EVENTS // 2]


def load(model: type[SQLModel]) -> pd.DataFrame:
    """The whole table, as SQLModel objects, then as a DataFrame (the naive way)."""
    with timed(f"load {model.__tablename__}", kind="load"):
        engine = make_engine()
        with Session(engine) as session:
            rows = session.exec(select(model)).all()
            frame = pd.DataFrame([row.model_dump() for row in rows])
        engine.dispose()
        if frame.empty:
            frame = pd.DataFrame(columns=list(model.model_fields))
    return frame


def eager_downloads(key: str, frame: pd.DataFrame, what: str) -> None:
    """CSV and JSON built on every rerun, whether anyone clicks or not."""
    with timed(f"csv {what}", kind="csv", rows=len(frame)):
        csv = frame.to_csv(index=False)
    with timed(f"json {what}", kind="json", rows=len(frame)):
        js = frame.to_json(orient="records", date_format="iso")
    cols = st.columns(2)
    cols[0].download_button("CSV", data=csv, file_name=f"{what}.csv", mime="text/csv", key=f"csv-{key}")
    cols[1].download_button("JSON", data=js, file_name=f"{what}.json", mime="application/json", key=f"json-{key}")


def sidebar_filters() -> dict[str, Any]:
    """Team, dates and stages, with the same widget keys as the real app."""
    teams = load(Team)
    names = sorted(teams["name"].tolist())
    default = "Kairat" if "Kairat" in names else names[0]
    with st.sidebar:
        team = st.selectbox("Team", names, index=names.index(default), key="team", bind="query-params")
        picked = st.date_input("Dates", value=(CAMPAIGN_START, CAMPAIGN_END), min_value=EARLIEST, max_value=LATEST,
                               key="dates", bind="query-params", format="YYYY-MM-DD")
        stages = st.pills("Stage", list(STAGE_GROUPS), selection_mode="multi", default=list(STAGE_GROUPS),
                          key="stage", bind="query-params")
    if isinstance(picked, tuple | list) and len(picked) == 2:
        date_from, date_to = picked[0], picked[1]
    else:
        date_from = date_to = picked[0] if isinstance(picked, tuple | list) and picked else CAMPAIGN_START
    filters = {"team": team, "date_from": date_from, "date_to": date_to, "stages": tuple(stages or ())}
    st.session_state[FILTERS_KEY] = filters
    return filters


def current() -> dict[str, Any]:
    found = st.session_state.get(FILTERS_KEY)
    return found if isinstance(found, dict) else sidebar_filters()


def stored_stages(groups: tuple[str, ...]) -> set[str]:
    return {s for g in groups for s in STAGE_GROUPS.get(g, ())}
