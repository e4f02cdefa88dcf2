"""ui.data: the quote queries refresh what they read when the database changed under a running app."""

from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from analytics import queries as q
from analytics.indexes import ensure_indexes, team_items_fresh
from analytics.search import ensure_quote_index
from tests.app.dashboard_db import build_dashboard_db
from ui import data

CAMPAIGN = {"date_from": q.CAMPAIGN_START, "date_to": q.CAMPAIGN_END}


def test_changed_quotes_are_searchable_after_the_refresh(tmp_path: Path) -> None:
    engine = build_dashboard_db(tmp_path / "running.db")
    ensure_indexes(engine)
    assert ensure_quote_index(engine)
    with engine.begin() as conn:  # a re-import while the app runs
        conn.execute(text("UPDATE quote SET text = text || ' Nightingale' WHERE id = (SELECT min(id) FROM quote "
                          "WHERE text LIKE 'Sample words: playing%')"))
    with engine.connect() as conn:
        assert not team_items_fresh(conn)
    data._refresh_quote_data(engine, search=True)
    with engine.connect() as conn:
        assert team_items_fresh(conn)
    with Session(engine) as s:
        assert len(q.quotes(s, team="Kairat", **CAMPAIGN, search="nightingale")) == 1
    engine.dispose()


def test_every_quote_query_is_refreshed_first() -> None:
    page = (Path(__file__).resolve().parents[2] / "app_pages" / "quotes.py").read_text()
    called = {name for name in dir(q) if f'query("{name}"' in page}
    assert called and called <= set(q.QUOTE_QUERIES) | {"row_counts", "team_matches"}
