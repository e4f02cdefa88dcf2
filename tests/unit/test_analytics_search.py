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


def _stamps(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return dict(conn.execute(text(f"SELECT name, text_length FROM {STATE_TABLE}")).all())


def test_triggers_keep_the_stamp_so_the_check_reads_no_texts(tmp_path: Path) -> None:
    from analytics.search import STALE, TRACKED

    engine = build_dashboard_db(tmp_path / "stamp.db")
    with engine.begin() as conn:  # a state row left by the earlier stamp (total text length): rebuilt once
        conn.execute(text(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} "
                          "(name TEXT PRIMARY KEY, row_count INTEGER, max_id INTEGER, text_length INTEGER)"))
        conn.execute(text(f"INSERT INTO {STATE_TABLE} VALUES ('quote_fts', 1, 1, 1234)"))
    assert ensure_quote_index(engine)
    assert _stamps(engine) == {"quote_fts": TRACKED, "statement_fts": TRACKED}
    with engine.begin() as conn:  # other columns may change without a rebuild
        conn.execute(text("UPDATE quote SET line = line + 1"))
    assert _stamps(engine)["quote_fts"] == TRACKED
    for change in ("UPDATE quote SET text = text || ' Albatross' WHERE id = (SELECT max(id) FROM quote)",
                   "DELETE FROM quote WHERE id = (SELECT max(id) FROM quote)",
                   "INSERT INTO quote (article_id, position, text, speaker_resolved) "
                   "SELECT article_id, 99, 'Sample words: a new albatross.', 0 FROM quote LIMIT 1"):
        with engine.begin() as conn:
            conn.execute(text(change))
        assert _stamps(engine)["quote_fts"] == STALE
        assert ensure_quote_index(engine)
        assert _stamps(engine)["quote_fts"] == TRACKED
    with engine.connect() as conn:  # the inserted quote is found, the one edited then deleted is gone
        hits = conn.execute(text("SELECT count(*) FROM quote_fts WHERE quote_fts MATCH 'albatross'")).scalar_one()
    assert hits == 1
    with engine.begin() as conn:  # a trigger gone (a table rebuilt under the app): rebuilt and back
        conn.execute(text("DROP TRIGGER quote_fts_stale_insert"))
    assert ensure_quote_index(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'quote_fts_stale_insert'")).first()
    engine.dispose()
