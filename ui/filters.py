"""The shared sidebar filters, bound to the URL's query parameters.

Created once in the entrypoint (app.py), so they survive page switches; the
URL holds them (`?team=Arsenal&dates=2025-07-01&dates=2025-12-31&stage=Qualifying`),
so a copied link reproduces the view. Pages read the result with `current()`.
"""

import datetime as dt
from dataclasses import dataclass, field

import streamlit as st

from analytics.downloads import file_name
from analytics.queries import CAMPAIGN_END, CAMPAIGN_START, DEFAULT_TEAM, STAGE_GROUPS
from ui.data import date_label, team_names

TEAM_KEY, DATES_KEY, STAGE_KEY = "team", "dates", "stage"
STATE_KEY = "_dashboard_filters"
EARLIEST, LATEST = dt.date(2010, 1, 1), dt.date(2030, 12, 31)
ALL_STAGES = tuple(STAGE_GROUPS)


@dataclass(frozen=True)
class Filters:
    team: str
    date_from: dt.date
    date_to: dt.date
    stages: tuple[str, ...]
    # Sentences for the user: something in the URL or the sidebar that cannot be honoured.
    notices: tuple[str, ...] = field(default=())
    # True when the filters cannot match anything (no stage, half a date range).
    blocked: bool = False

    @property
    def all_stages(self) -> bool:
        return set(self.stages) == set(ALL_STAGES)

    def describe(self) -> str:
        stages = "all stages" if self.all_stages else ", ".join(self.stages) or "no stage"
        return f"{self.team} · {date_label(self.date_from)} – {date_label(self.date_to)} · {stages}"

    def file_name(self, what: str, extension: str) -> str:
        return file_name(what, team=self.team, date_from=self.date_from, date_to=self.date_to, stages=self.stages,
                         all_stages=ALL_STAGES, extension=extension)

    def as_query(self) -> dict[str, str]:
        """Filters as plain keyword arguments of the team/date queries."""
        return {"team": self.team, "date_from": self.date_from, "date_to": self.date_to}  # type: ignore[dict-item]


def sidebar_filters() -> Filters:
    """Draw the filters in the sidebar and return what they select (also stored for the pages)."""
    teams = team_names()
    notices: list[str] = []
    # Read the URL before the widget: a bound selectbox silently drops a value it does not know.
    requested = st.query_params.get(TEAM_KEY)
    default = DEFAULT_TEAM if DEFAULT_TEAM in teams else teams[0]
    if requested is not None and requested not in teams:
        notices.append(f"There is no team called “{requested}” in the data, so this view shows {default}. "
                       "Pick a team in the sidebar; the list holds every club in the data.")
    with st.sidebar:
        st.markdown("### Filters")
        team = st.selectbox("Team", teams, index=teams.index(default), key=TEAM_KEY, bind="query-params",
                            help="Any club in the data. The URL keeps your choice: a copied link shows the same view.")
        picked = st.date_input("Dates", value=(CAMPAIGN_START, CAMPAIGN_END), min_value=EARLIEST, max_value=LATEST,
                               key=DATES_KEY, bind="query-params", format="YYYY-MM-DD",
                               help="Defaults to the 2025/26 campaign (1 Jul 2025 – 31 May 2026).")
        stages = st.pills("Stage", list(ALL_STAGES), selection_mode="multi", default=list(ALL_STAGES),
                          key=STAGE_KEY, bind="query-params")
        st.caption("Filters apply to every page and live in the URL: share it to share this view.")
    blocked = False
    if isinstance(picked, tuple | list) and len(picked) == 2:
        date_from, date_to = picked[0], picked[1]
    else:  # the user has picked the first day of a range and not yet the last
        first = picked[0] if isinstance(picked, tuple | list) and picked else CAMPAIGN_START
        date_from, date_to = first, first
        notices.append("Pick the last day of the date range in the sidebar to see the matches.")
        blocked = True
    if not stages:
        notices.append("No stage is selected. Select at least one stage in the sidebar.")
        blocked = True
    filters = Filters(team=str(team or default), date_from=date_from, date_to=date_to, stages=tuple(stages or ()),
                      notices=tuple(notices), blocked=blocked)
    st.session_state[STATE_KEY] = filters
    return filters


def current() -> Filters:
    """The filters drawn by the entrypoint in this run."""
    found = st.session_state.get(STATE_KEY)
    if isinstance(found, Filters):
        return found
    return sidebar_filters()
