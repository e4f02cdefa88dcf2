"""What the browser tests do again and again: wait for a rerun, count charts, read headings."""

from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.e2e.conftest import READY, SCREENSHOTS


def wait_ready(page: Any) -> None:
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", state="attached",
                           timeout=60_000)
    page.wait_for_timeout(200)  # widget debounce, as Streamlit's own e2e helpers do
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0",
                           timeout=30_000)


def wait_charts(page: Any, count: int) -> None:
    """Every chart has been drawn by plotly.js (its SVG exists)."""
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg').length >= n", arg=count,
        timeout=30_000)


def no_exception(page: Any) -> None:
    assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id("stException").first.inner_text()


def screenshot(page: Any, name: str) -> None:
    """The whole page (the main area scrolls on its own, so the viewport grows to fit it)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]');"
                           " return m ? m.scrollHeight : 900 }")
    page.set_viewport_size({"width": 1400, "height": min(max(900, height + 40), 16_000)})
    page.wait_for_timeout(600)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 900})


def go_to(page: Any, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
    page.wait_for_timeout(300)
    wait_ready(page)


def heading_texts(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("[data-testid=stHeading]").all_inner_texts()]


def query_of(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)
