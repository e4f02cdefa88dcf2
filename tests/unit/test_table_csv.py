"""Whole tables as CSV: written by SQLite, the same file as the csv module writes from the rows
SQLAlchemy returns, and the same cells as pandas' to_csv of queries.whole_table."""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator

import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from analytics import queries, table_csv
from analytics.downloads import to_csv_bytes
from models import Article, Competition, Match, MatchStatus, Quote, Stage, Team, Venue, create_tables


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


@pytest.fixture
def tricky(fresh_engine: Engine) -> Iterator[Engine]:
    """Values that need quotes everywhere, in free text and in short columns, over several chunks."""
    create_tables(fresh_engine)
    names = ["Plain FC", 'The "Quoted" Club', "Comma, United", "Line\nBreak", "Ünïcödé ÿ Spørt", "Tab\tTown",
             " Spaced "]
    with Session(fresh_engine) as session:
        session.add(Competition(id=1, code="cl", name="Champions League"))
        for i, name in enumerate(names, 1):
            session.add(Team(id=i, name=name, source="test"))
        session.add(Venue(id=1, name="Arena, North", city='"Big" City', source="test"))
        session.add(Article(id=1, content_hash="h", title="An article, with a comma", language="it"))
        session.flush()  # the rows the matches and quotes refer to, first
        for i in range(1, 60):
            home, away = names[i % len(names)], names[(i + 1) % len(names)]
            notes = [None, "", "short", "with, comma", 'with "quotes"', "with\nnewline", "plain words"][i % 7]
            session.add(Match(
                id=i, key=f"cl/2025-26/MD{i}/{home}-{away}", competition_id=1, season="2025-26",
                stage=[Stage.LEAGUE, Stage.QUALIFYING, Stage.FINAL][i % 3], round=f"MD{i % 8 + 1}",
                group=None if i % 2 else "A", leg=None if i % 3 else 1, date=dt.date(2025, 9, 1) + dt.timedelta(days=i),
                kickoff_utc=None if i % 4 == 0 else dt.datetime(2025, 9, 1, 19, 0, i % 3 * 7, tzinfo=dt.UTC),
                kickoff_local="21:00", utc_offset="+02:00", home_team_id=i % len(names) + 1,
                away_team_id=(i + 1) % len(names) + 1, home_goals=None if i % 5 == 0 else i % 4,
                away_goals=None if i % 5 == 0 else 1, extra_time=i % 6 == 0,
                status=MatchStatus.PLAYED if i % 5 else MatchStatus.SCHEDULED, venue_id=1 if i % 2 else None,
                attendance=None if i % 3 else 1000 * i, referee="Ref, Name" if i == 17 else None, notes=notes,
                source=f"test, line {i}" if i % 10 == 0 else "test"))
            session.flush()
            text = "Free text, with commas" if i % 3 else 'He said "no"\nand left'
            text = "a carriage\rreturn" if i % 13 == 0 else text  # the csv module leaves it unquoted, as pandas did
            session.add(Quote(id=i, article_id=1, position=i, text=text if i % 11 else "plain", speaker=names[i % 7],
                              speaker_resolved=bool(i % 2), said_on=dt.date(2025, 9, 1) if i % 4 else None,
                              match_id=i if i % 2 else None, line=None if i % 3 else i))
        session.commit()
    yield fresh_engine


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
