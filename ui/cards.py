"""Cards: a title that states the finding, the chart or table, a caption naming the
source, and CSV/JSON downloads of the exact DataFrame behind it, built only when
clicked."""

from collections.abc import Mapping
from functools import partial
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.downloads import to_csv_bytes, to_json_bytes
from ui.filters import Filters

OPENFOOTBALL = "openfootball (CC0)"
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
                 "toImageButtonOptions": {"format": "png", "scale": 2}}


def page_header(title: str, filters: Filters, *, lede: str | None = None) -> None:
    st.title(title)
    st.caption(filters.describe())
    for notice in filters.notices:
        st.warning(notice, icon=":material/info:")
    if lede:
        st.markdown(lede)


def downloads(key: str, data: pd.DataFrame, *, what: str, filters: Filters) -> None:
    """Two buttons; the callables run only when a button is clicked, and the click does not rerun."""
    with st.container(horizontal=True, gap="small", key=f"downloads-{key}"):
        st.download_button("CSV", data=partial(to_csv_bytes, data), file_name=filters.file_name(what, "csv"),
                           mime="text/csv", on_click="ignore", key=f"csv-{key}", icon=":material/download:",
                           help=f"The {len(data)} rows behind this card, as CSV")
        st.download_button("JSON", data=partial(to_json_bytes, data), file_name=filters.file_name(what, "json"),
                           mime="application/json", on_click="ignore", key=f"json-{key}", icon=":material/download:",
                           help=f"The {len(data)} rows behind this card, as JSON")


def chart_card(*, key: str, title: str, figure: go.Figure, data: pd.DataFrame, caption: str, filters: Filters,
               what: str | None = None, note: str | None = None) -> None:
    with st.container(border=True, key=f"card-{key}"):
        st.subheader(title, anchor=False)
        if note:
            st.info(note, icon=":material/stacked_bar_chart:")
        st.plotly_chart(figure, key=f"chart-{key}", width="stretch", config=PLOTLY_CONFIG)
        st.caption(caption)
        downloads(key, data, what=what or key, filters=filters)


def table_card(*, key: str, title: str, data: pd.DataFrame, caption: str, filters: Filters,
               shown: pd.DataFrame | None = None, column_config: Mapping[str, Any] | None = None,
               what: str | None = None, height: int | Literal["auto", "stretch", "content"] = "auto") -> None:
    """A table card: `shown` is what the reader sees (renamed, formatted); downloads hold `data`."""
    with st.container(border=True, key=f"card-{key}"):
        st.subheader(title, anchor=False)
        st.dataframe(data if shown is None else shown, hide_index=True, width="stretch",
                     column_config=column_config, key=f"table-{key}", height=height)
        st.caption(caption)
        downloads(key, data, what=what or key, filters=filters)


def blocked(filters: Filters) -> bool:
    """True (and nothing more to draw) when the filters cannot match anything."""
    if filters.blocked:
        st.info("Nothing to show until the filters above are complete.", icon=":material/filter_alt:")
        return True
    return False


def nothing_found(sentence: str) -> None:
    st.info(sentence, icon=":material/search_off:")
