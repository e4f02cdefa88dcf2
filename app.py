"""Entrypoint: `streamlit run app.py`.

Page config, the shared sidebar filters (bound to the URL), then the page the
navigation selects. The page files only draw; everything they need comes from
ui/ and analytics/.
"""

import streamlit as st

from models import database_url
from ui.data import database_problem
from ui.filters import sidebar_filters
from ui.style import FAVICON, apply_style

st.set_page_config(page_title="Kairat in the Champions League 2025/26", page_icon=FAVICON,
                   layout="wide", initial_sidebar_state="expanded")
apply_style()

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/qualification.py", title="Qualification path", icon=":material/stairs:",
            url_path="qualification"),
    st.Page("app_pages/opponents.py", title="Opponent schedules", icon=":material/calendar_month:",
            url_path="opponents"),
    st.Page("app_pages/quotes.py", title="Quote timeline", icon=":material/format_quote:", url_path="quotes"),
    st.Page("app_pages/sources.py", title="Sources & checks", icon=":material/fact_check:", url_path="sources"),
]

navigation = st.navigation(PAGES, position="sidebar")
problem = database_problem(database_url())
if problem:
    st.title("Kairat in the Champions League 2025/26")
    st.error(problem, icon=":material/database:")
    st.stop()
sidebar_filters()
navigation.run()
