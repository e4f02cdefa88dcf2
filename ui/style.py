"""The look: a little CSS for a newsroom feel (tighter top padding, quieter card headings) and the favicon."""

from pathlib import Path

import streamlit as st

# A file, not an emoji (Streamlit loads its emoji catalogue to check one: a quarter of a second on the
# first run) nor a Material symbol (the browser fetches those from Google's font servers).
FAVICON = str(Path(__file__).with_name("favicon.svg"))

CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.2rem; max-width: 1280px; }
[data-testid="stMetricValue"] { font-size: 1.9rem; }
.kpi-note { color: #6b7280; font-size: 0.85rem; }
blockquote.quote-card { border-left: 4px solid #d4a017; margin: 0; padding: 0.1rem 0 0.1rem 0.9rem; }
.reported-card { border-left: 4px dashed #9ca3af; padding: 0.1rem 0 0.1rem 0.9rem; }
</style>
"""


def apply_style() -> None:
    st.html(CSS)
