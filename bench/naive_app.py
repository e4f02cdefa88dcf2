"""Naive baseline, entrypoint: `streamlit run bench/naive_app.py` (DATABASE_URL picks the database).

The same pages, filters and widget keys as the real app's Overview and Quote timeline, written
the naive way (see bench/naive_lib.py). Kept as the reference the benchmark measures against.
"""

import streamlit as st

from bench.naive_lib import sidebar_filters

st.set_page_config(page_title="Kairat (naive baseline)", layout="wide")
navigation = st.navigation([
    st.Page("naive_pages/overview.py", title="Overview", default=True),
    st.Page("naive_pages/quotes.py", title="Quote timeline", url_path="quotes"),
])
sidebar_filters()
navigation.run()
