"""Whole tables as CSV: written by SQLite, the same file as the csv module writes from the rows
SQLAlchemy returns, and the same cells as pandas' to_csv of queries.whole_table."""

import csv
import io
import re

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from analytics import queries, table_csv
from analytics.downloads import to_csv_bytes
from models import Stage


def _reference(engine: Engine, table: str) -> bytes:
    """The csv module over the rows as SQLAlchemy returns them (the general way, any database)."""
    with engine.connect() as conn:
        return table_csv._with_csv_module(conn, queries.whole_table_statement(table=table))


def _written(engine: Engine, table: str) -> bytes:
    with engine.connect() as conn:
        return table_csv.whole_table_csv(conn, table=table)


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize("table", queries.EXPORT_TABLES)
def test_bundled_tables_as_the_csv_module_writes_them(bundled_engine: Engine, table: str) -> None:
    assert _written(bundled_engine, table) == _reference(bundled_engine, table)


@pytest.mark.parametrize("table", queries.EXPORT_TABLES)
def test_bundled_tables_hold_the_cells_pandas_wrote(bundled_engine: Engine, table: str) -> None:
    with Session(bundled_engine) as session:
        before = _cells(to_csv_bytes(queries.whole_table(session, table=table)))
    after = _cells(_written(bundled_engine, table))
    assert after[0] == before[0] and len(after) == len(before)
    for old, new in zip(before[1:], after[1:], strict=True):
        # pandas wrote an integer column with gaps as floats ("1.0"); the file now says "1".
        assert [re.sub(r"^(-?\d+)\.0$", r"\1", cell) for cell in old] == new


@pytest.mark.parametrize("chunk_rows", [1, 7, 20_000])
@pytest.mark.parametrize("table", ["matches", "quotes", "teams", "venues", "articles", "claims"])
def test_tricky_values_in_chunks_of_any_size(tricky: Engine, table: str, chunk_rows: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_csv, "CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(table_csv, "SAMPLE_ROWS", 10)
    written = _written(tricky, table)
    assert written == _reference(tricky, table)
    assert written.endswith(b"\n") and written.decode("utf-8")


def test_tricky_matches_are_the_cells_pandas_wrote(tricky: Engine) -> None:
    with Session(tricky) as session:
        frame = queries.whole_table(session, table="matches")
    cells = _cells(_written(tricky, "matches"))
    assert cells[0] == list(frame.columns)
    assert len(cells) == len(frame) + 1
    row = cells[1 + list(frame["id"]).index(17)]
    assert row[cells[0].index("referee")] == "Ref, Name"
    assert row[cells[0].index("stage")] in {s.value for s in Stage}
    kickoffs = {r[cells[0].index("kickoff_utc")] for r in cells[1:]}
    assert "2025-09-01 19:00:00+00:00" in kickoffs and "2025-09-01 19:00:07+00:00" in kickoffs and "" in kickoffs
    assert {r[cells[0].index("extra_time")] for r in cells[1:]} == {"True", "False"}
    pd.testing.assert_series_equal(pd.Series([r[cells[0].index("home")] for r in cells[1:]], name="home"),
                                   frame["home"].astype(object), check_dtype=False)


def test_an_empty_table_is_its_header(tricky: Engine) -> None:
    assert _written(tricky, "claims") == _reference(tricky, "claims")
    assert _written(tricky, "claims").count(b"\n") == 1
