"""Every page runs in Streamlit's AppTest for the default view, a league-phase entrant, clubs
knocked out in qualifying, an empty date range and an unknown team in the URL."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.dashboard_db import build_dashboard_db

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = {
    "overview": None,
    "qualification": "app_pages/qualification.py",
    "opponents": "app_pages/opponents.py",
    "quotes": "app_pages/quotes.py",
    "sources": "app_pages/sources.py",
}
SCENARIOS: dict[str, dict[str, str | list[str]]] = {
    "default": {},
    "league-phase-entrant": {"team": "Arsenal"},
    "out-in-the-play-off": {"team": "Celtic"},
    "out-in-q1": {"team": "Olimpija Ljubljana"},
    "empty-date-range": {"dates": ["2012-06-01", "2012-06-10"]},
    "unknown-team": {"team": "Atlantis FC"},
}
# Charts each page draws for the default view (Kairat, 2025/26 campaign).
DEFAULT_CHARTS = {"overview": 2, "qualification": 1, "opponents": 3, "quotes": 2, "sources": 1}


@pytest.fixture(scope="module", autouse=True)
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("apptest") / "dashboard.db"
    engine = build_dashboard_db(path)
    engine.dispose()
    url = f"sqlite:///{path}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", url)
        yield url


def open_page(page: str, params: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if PAGES[page]:
        at.switch_page(PAGES[page]).run()
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page: str, scenario: str) -> None:
    at = open_page(page, SCENARIOS[scenario])
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page states what it shows in a title"


@pytest.mark.parametrize("page", PAGES)
def test_default_view_draws_every_chart_with_its_downloads(page: str) -> None:
    at = open_page(page)
    assert charts(at) == DEFAULT_CHARTS[page]
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("CSV") >= DEFAULT_CHARTS[page]
    assert labels.count("CSV") == labels.count("JSON")
    assert "Kairat" in at.caption[0].value  # the filter line under the title


def test_overview_headline_numbers_for_kairat() -> None:
    at = open_page("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Played"] == "16"
    assert metrics["Points"] == "1"
    assert metrics["League phase"] == "36th / 36"
    assert int(metrics["Km travelled"].replace(",", "")) > 50_000


def test_unknown_team_in_the_url_gets_a_sentence_not_a_traceback() -> None:
    at = open_page("overview", {"team": "Atlantis FC"})
    assert any("Atlantis FC" in w.value and "no team" in w.value.lower() for w in at.warning)
    assert "Kairat" in at.title[0].value


def test_empty_date_range_says_nothing_matches() -> None:
    for page, phrase in [("overview", "played no Champions League match"),
                         ("qualification", "played no Champions League match"),
                         ("opponents", "played no league-phase match"),
                         ("quotes", "No quote or reported statement"),
                         ("sources", "No checked claim")]:
        at = open_page(page, SCENARIOS["empty-date-range"])
        assert phrase in texts(at), page
        assert charts(at) == 0 or page == "opponents", page


def test_a_league_phase_entrant_gets_a_sentence_instead_of_a_path() -> None:
    at = open_page("qualification", {"team": "Arsenal"})
    assert "entered the competition directly at the league phase" in texts(at)
    assert charts(at) == 0


@pytest.mark.parametrize(("team", "round_"), [("Celtic", "play-off round"), ("Olimpija Ljubljana", "first")])
def test_a_club_knocked_out_in_qualifying(team: str, round_: str) -> None:
    at = open_page("qualification", {"team": team})
    assert f"{team} went out in the {round_}" in texts(at)
    assert charts(at) == 1
    opponents = open_page("opponents", {"team": team})
    assert f"{team} played no league-phase match" in texts(opponents)


def test_stage_filter_from_the_url() -> None:
    at = open_page("overview", {"stage": ["Qualifying"]})
    assert {m.label: m.value for m in at.metric}["Played"] == "8"
    league_only = open_page("qualification", {"stage": ["League phase"]})
    assert "leaves out Qualifying" in texts(league_only)


def test_half_picked_date_range_asks_for_the_end_date() -> None:
    at = open_page("overview", {"dates": ["2025-07-01"]})
    assert "Pick the last day of the date range" in texts(at)
    assert not at.exception


def test_changing_the_team_in_the_sidebar_changes_the_page() -> None:
    at = open_page("overview")
    at.selectbox(key="team").select("Arsenal").run()
    assert not at.exception
    assert "Arsenal" in at.title[0].value
    assert {m.label: m.value for m in at.metric}["League phase"] == "1st / 36"


def test_quote_filters_and_search() -> None:
    at = open_page("quotes")
    assert "verbatim quote" in at.subheader[0].value
    at.text_input(key="q").input("San Siro").run()
    assert not at.exception
    body = texts(at)
    assert "San Siro" in body
    at.text_input(key="q").input("zzzz-not-a-word").run()
    assert "No quote or reported statement" in texts(at)


def test_reported_statements_are_never_in_quotation_marks() -> None:
    at = open_page("quotes", {"speaker": ["Egor Sorokin"]})
    cards = [m.value for m in at.markdown if "reported statement" in m.value]
    assert cards, "Sorokin's reported statements are listed"
    assert all("“" not in c and "”" not in c for c in cards)


def test_database_not_built_gets_a_sentence(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DATABASE_URL", url)
        at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert any("not been built" in e.value for e in at.error)
    assert os.environ["DATABASE_URL"] != url
