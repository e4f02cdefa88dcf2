"""The dashboard in a real browser: every page renders its charts, the sidebar filters drive
the charts and the URL, deep links reproduce a view, downloads hold the database's rows."""

import datetime as dt
import io
import json
from typing import Any

import pandas as pd
import pytest
from sqlmodel import Session

from analytics import queries
from models import make_engine
from tests.e2e.browser import go_to, heading_texts, no_exception, query_of, screenshot, wait_charts, wait_ready
from tests.e2e.conftest import Server

pytestmark = pytest.mark.e2e

# Sidebar label -> (screenshot name, charts drawn for the default view).
PAGES = {
    "Overview": ("overview", 2),
    "Qualification path": ("qualification", 1),
    "Opponent schedules": ("opponents", 3),
    "Quote timeline": ("quotes", 2),
    "Sources & checks": ("sources", 1),
}


def test_every_page_renders_its_charts(server: Server, page: Any) -> None:
    page.goto(server.url)
    wait_ready(page)
    for label, (name, charts) in PAGES.items():
        if label != "Overview":
            go_to(page, label)
        wait_charts(page, charts)
        no_exception(page)
        assert page.get_by_test_id("stPlotlyChart").count() == charts, label
        buttons = page.get_by_test_id("stDownloadButton")
        assert buttons.count() >= 2 * charts, label
        screenshot(page, name)


def select_team(page: Any, team: str) -> None:
    box = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
    box.click()
    page.keyboard.type(team)
    page.get_by_role("option", name=team, exact=True).click()
    page.wait_for_timeout(300)
    wait_ready(page)


def test_changing_the_team_changes_the_charts_and_the_url(server: Server, page: Any) -> None:
    page.goto(server.url)
    wait_ready(page)
    wait_charts(page, 2)
    before = heading_texts(page)
    strip_before = page.get_by_test_id("stPlotlyChart").first.inner_text()
    select_team(page, "Arsenal")
    wait_charts(page, 2)
    no_exception(page)
    after = heading_texts(page)
    assert after != before
    assert any("Arsenal" in h for h in after)
    assert query_of(page).get("team") == ["Arsenal"]
    assert page.get_by_test_id("stPlotlyChart").first.inner_text() != strip_before
    # A page switch keeps the team ...
    go_to(page, "Opponent schedules")
    wait_charts(page, 3)
    assert any("Arsenal" in h for h in heading_texts(page))
    assert query_of(page).get("team") == ["Arsenal"]
    # ... and so does a reload.
    page.reload()
    wait_ready(page)
    assert any("Arsenal finished 1st of 36" in h for h in heading_texts(page))


def test_deep_link_reproduces_a_filtered_view(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/qualification?team=Celtic&dates=2025-07-01&dates=2025-12-31")
    wait_ready(page)
    wait_charts(page, 1)
    no_exception(page)
    body = page.get_by_test_id("stMain").inner_text()
    assert "How Celtic came through qualifying" in body
    assert "Celtic went out in the play-off round" in body
    assert "Celtic · 1 Jul 2025 – 31 Dec 2025 · all stages" in body


def test_unknown_team_in_the_url_gets_a_sentence(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?team=Atlantis%20FC")
    wait_ready(page)
    no_exception(page)
    alert = page.get_by_test_id("stAlert").first.inner_text()
    assert "no team called" in alert.lower() and "Atlantis FC" in alert


def test_empty_date_range_says_so(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?dates=2012-06-01&dates=2012-06-10")
    wait_ready(page)
    no_exception(page)
    assert "played no Champions League match" in page.get_by_test_id("stMain").inner_text()
    assert page.get_by_test_id("stPlotlyChart").count() == 0


def download(page: Any, key: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(f".st-key-{key} button:visible").first.click()
    d = info.value
    with open(d.path(), "rb") as handle:
        return d.suggested_filename, handle.read()


def test_downloads_hold_the_database_rows_for_the_same_filters(server: Server, page: Any) -> None:
    page.goto(f"{server.url}/?stage=Qualifying")
    wait_ready(page)
    wait_charts(page, 2)
    name, body = download(page, "csv-timeline")
    assert name == "kairat_match-timeline_2025-07-01_2026-05-31_qualifying.csv"
    got = pd.read_csv(io.BytesIO(body))
    engine = make_engine(server.database_url)
    with Session(engine) as session:
        want = queries.team_matches(session, team="Kairat", date_from=dt.date(2025, 7, 1),
                                    date_to=dt.date(2026, 5, 31), stages=["Qualifying"])
    engine.dispose()
    assert len(got) == len(want) == 8
    assert list(got["match_id"]) == list(want["match_id"])
    assert list(got["score"]) == list(want["score"])
    assert list(got.columns) == list(want.columns)
    json_name, json_body = download(page, "json-timeline")
    assert json_name.endswith("_qualifying.json")
    rows = json.loads(json_body)
    assert [r["match_id"] for r in rows] == list(want["match_id"])
    assert rows[0]["date"] == "2025-07-08"
