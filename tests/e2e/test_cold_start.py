"""A shared link opened as the very first request of a freshly started server.

Its own module, so that it gets its own server (the `server` fixture is per module) and
nothing has run in that process before. With a `pages/` folder beside app.py, Streamlit
1.67 would run its legacy multipage mode for this first run: the legacy menu, the page
without the app's filters, or a "Page not found" dialog. See README, Layout.
"""

from typing import Any

import pytest

from tests.e2e.browser import heading_texts, no_exception, query_of, wait_charts, wait_ready
from tests.e2e.conftest import Server

pytestmark = pytest.mark.e2e

NAVIGATION = ["Overview", "Qualification path", "Opponent schedules", "Quote timeline", "Sources & checks"]


def test_deep_link_as_first_request_of_a_new_server(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/opponents?team=Arsenal")
    wait_ready(page)
    wait_charts(page, 3)
    no_exception(page)
    assert page.get_by_test_id("stDialog").count() == 0
    links = page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink").all_inner_texts()
    assert [link.split("\n")[-1].strip() for link in links] == NAVIGATION
    assert "Whom Arsenal met, when and where" in heading_texts(page)
    assert query_of(page).get("team") == ["Arsenal"]
