"""Whole tables as JSON: written by SQLite, the same rows and values as downloads.to_json_bytes of
queries.whole_table (the way every download was built before)."""

import json

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from analytics import queries, table_json
from analytics.downloads import to_json_bytes


def _before(engine: Engine, table: str) -> object:
    with Session(engine) as session:
        return json.loads(to_json_bytes(queries.whole_table(session, table=table)))


def _written(engine: Engine, table: str) -> bytes:
    with engine.connect() as conn:
        return table_json.whole_table_json(conn, table=table)


@pytest.mark.parametrize("table", queries.EXPORT_TABLES)
def test_bundled_tables_hold_the_rows_the_frame_gave(bundled_engine: Engine, table: str) -> None:
    assert json.loads(_written(bundled_engine, table)) == _before(bundled_engine, table)


@pytest.mark.parametrize("chunk_rows", [1, 7, 20_000])
@pytest.mark.parametrize("table", ["matches", "quotes", "teams", "venues", "articles"])
def test_tricky_values_in_chunks_of_any_size(tricky: Engine, table: str, chunk_rows: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_json, "CHUNK_ROWS", chunk_rows)
    rows = json.loads(_written(tricky, table))
    assert rows == _before(tricky, table)
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)


def test_matches_keep_their_types(tricky: Engine) -> None:
    rows = json.loads(_written(tricky, "matches"))
    assert {row["extra_time"] for row in rows} == {True, False}
    assert "2025-09-01T19:00:07+00:00" in {row["kickoff_utc"] for row in rows}
    assert None in {row["kickoff_utc"] for row in rows}
    assert {row["stage"] for row in rows} == {"league", "qualifying", "final"}


def test_an_empty_table_is_an_empty_array(tricky: Engine) -> None:
    assert _written(tricky, "claims") == b"[]"
