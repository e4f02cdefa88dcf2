"""Full-text search over quotes and statements."""

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session

from analytics import queries as q
from analytics.search import STATE_TABLE, ensure_quote_index, match_expression
from tests.app.dashboard_db import SAMPLE_OUTLET, build_dashboard_db

CAMPAIGN = {"date_from": q.CAMPAIGN_START, "date_to": q.CAMPAIGN_END}


def test_match_expression_quotes_every_word_as_a_prefix() -> None:
    assert match_expression("San Siro") == '"San"* "Siro"*'
    assert match_expression('"OR (NEAR') == '"OR"* "NEAR"*'
    assert match_expression("  ") == ""
    assert match_expression("città") == '"città"*'


def test_index_is_rebuilt_when_the_quotes_change(tmp_path: Path) -> None:
    engine = build_dashboard_db(tmp_path / "fts.db")
    assert ensure_quote_index(engine)
    with Session(engine) as s:
        assert len(q.quotes(s, team="Kairat", **CAMPAIGN, search="dream", outlets=[SAMPLE_OUTLET])) == 1
    with engine.begin() as conn:
        conn.execute(text("UPDATE quote SET text = text || ' Nightingale' WHERE id = (SELECT min(id) FROM quote "
                          "WHERE text LIKE 'Sample words: playing%')"))
    with Session(engine) as s:  # stale index: the new word is not found yet
        assert q.quotes(s, team="Kairat", **CAMPAIGN, search="nightingale").empty
    assert ensure_quote_index(engine)
    with Session(engine) as s:
        assert len(q.quotes(s, team="Kairat", **CAMPAIGN, search="nightingale")) == 1
    with engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {STATE_TABLE}")).scalar_one() == 2
    engine.dispose()


def test_accents_do_not_matter(tmp_path: Path) -> None:
    engine = build_dashboard_db(tmp_path / "accents.db")
    assert ensure_quote_index(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE quote SET text = 'Sample words: è una città meravigliosa' WHERE id = "
                          "(SELECT min(id) FROM quote WHERE text LIKE 'Sample words: the long trip%')"))
    assert ensure_quote_index(engine)
    with Session(engine) as s:
        assert len(q.quotes(s, team="Kairat", **CAMPAIGN, search="citta")) == 1
    engine.dispose()


def test_no_index_on_a_database_without_the_tables(tmp_path: Path) -> None:
    from models import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert ensure_quote_index(engine) is False
    engine.dispose()


@pytest.mark.parametrize("word", ["dream", "Lautaro", "MILAN"])
def test_search_is_case_insensitive(tmp_path_factory: pytest.TempPathFactory, word: str) -> None:
    engine = build_dashboard_db(tmp_path_factory.mktemp("case") / "case.db")
    ensure_quote_index(engine)
    with Session(engine) as s:
        assert len(q.quotes(s, team="Kairat", **CAMPAIGN, search=word)) >= 1
    engine.dispose()
