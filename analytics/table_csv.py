"""Whole tables as CSV bytes, for the "download whole tables" buttons.

The same header, rows, values and quoting as queries.whole_table written with pandas' to_csv,
except that integers are written as integers (pandas wrote an integer column with gaps as floats,
"1.0").

A million rows must download in seconds, so no Python object is made per value, nor even per row.
On SQLite the database writes each row as one string, fields separated by the byte 0xFF (which
UTF-8 text never contains), and hands over 20,000 rows at a time as one string, rows separated by
0xFB. Python checks each such chunk at once for the characters that CSV must quote (comma, double
quote, newline) and turns 0xFF and 0xFB into commas and newlines with one `bytes.translate`; only
a chunk that holds such a character is split into rows, and only its rows that hold one are quoted
field by field. Free-text columns, where many values need quotes (quote texts, notes), are quoted
by SQLite instead, with the bytes 0xFE, 0xFD and 0xFC standing for the double quote, the comma and
the newline so that the chunk check passes; the same translate restores them. Other databases,
and tables with floating-point columns (whose text form SQLite writes differently from Python), go
through the csv module.
"""

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, DateTime, Enum, TypeDecorator, literal_column
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import Label

from analytics import queries

# Bytes that UTF-8 text never holds: between fields, between rows, and standing for a double quote,
# a comma and a newline inside the values that SQLite quotes.
FIELD, ROW, QUOTE, COMMA, NEWLINE = b"\xff", b"\xfb", b"\xfe", b"\xfd", b"\xfc"
_RESTORE = bytes.maketrans(FIELD + ROW + QUOTE + COMMA + NEWLINE, b',\n",\n')
CHUNK_ROWS = 20_000
SAMPLE_ROWS = 1_000
FREE_TEXT_SHARE = 0.01  # a column is quoted by SQLite when this share of its first values needs quotes
_FLOAT_AFFINITY = ("REAL", "FLOA", "DOUB")  # SQLite's rule for a declared type with REAL affinity
BELOW_EVERY_ID = -(2**63)  # where the keyset reading of a table starts


def whole_table_csv(connection: Connection, *, table: str) -> bytes:
    """queries.whole_table(table) as UTF-8 CSV: header, one line per row, empty cells for NULL."""
    statement = queries.whole_table_statement(table=table)
    source = sqlite_source(connection, table, statement) if connection.dialect.name == "sqlite" else None
    if source is None:
        return _with_csv_module(connection, statement)
    return b"".join([_header(source.names), *_sqlite_chunks(connection, source)])


# --- the general way: the csv module over the rows --------------------------------------------

def _with_csv_module(connection: Connection, statement: Any) -> bytes:
    """Values as pandas printed them: None empty, enums by value, datetimes and dates as str()."""
    result = connection.execute(statement)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(result.keys()))
    writer.writerows(result)
    return out.getvalue().encode("utf-8")


def _header(names: Sequence[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(names)
    return out.getvalue().encode("utf-8")


# --- SQLite: rows written by the database -----------------------------------------------------

@dataclass(frozen=True)
class SqliteSource:
    names: list[str]
    values: list[str]  # SQL rendering each column's value as pandas printed it
    row_id: str  # SQL of the id column
    after: Callable[[str, int], str]  # (select list, n) -> SQL for the next n rows with id > ?, by id


def sqlite_source(connection: Connection, table: str, statement: Any, *,
                  as_json: bool = False) -> SqliteSource | None:
    """The table's columns as SQL, each rendering its value the way the pandas-built download wrote it
    (`as_json`: as downloads.to_json_bytes wrote it, inside json_object). None, for CSV only, when a
    column holds floating-point numbers (SQLite prints them differently from Python)."""
    if isinstance(statement, Select):  # typed columns (matches): rendered as SQLAlchemy returns them
        columns = list(statement.selected_columns)
        row_id = _sql(columns[0], connection)

        def typed_after(select_list: str, rows: int) -> str:  # the statement's joins and order, our select list
            page: Select[Any] = (statement.with_only_columns(literal_column(select_list))
                                 .where(literal_column(row_id) > literal_column("?")).limit(rows))
            return str(page.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))

        values = [_typed(_sql(c, connection), c.type, as_json=as_json) for c in columns]
        return SqliteSource([c.name for c in columns], values, row_id, typed_after)
    stored = queries.STORED_TABLES[table]
    info = connection.exec_driver_sql(f'PRAGMA table_info("{stored}")').fetchall()
    if not as_json and any(kind in str(row[2]).upper() for row in info for kind in _FLOAT_AFFINITY):
        return None
    names = [str(row[1]) for row in info]

    def stored_after(select_list: str, rows: int) -> str:
        return f'SELECT {select_list} FROM "{stored}" WHERE id > ? ORDER BY id LIMIT {rows}'

    return SqliteSource(names, [f'"{name}"' for name in names], "id", stored_after)


def _sql(column: Any, connection: Connection) -> str:
    """A selected column as SQL, without its label ("home_team.name" for `name AS home`)."""
    element = column.element if isinstance(column, Label) else column
    return str(element.compile(dialect=connection.dialect))


def _typed(column: str, kind: Any, *, as_json: bool = False) -> str:
    """SQL rendering a stored value the way pandas printed what SQLAlchemy returned for it (`as_json`:
    the way json.dumps wrote it: true/false, ISO 8601 instants with a "T")."""
    while isinstance(kind, TypeDecorator):  # AutoString, UTCDateTime: stored as their impl stores
        kind = kind.impl
    if isinstance(kind, Enum) and kind.enum_class is not None:  # stored by name, returned as the member
        cases = " ".join(f"WHEN '{member.name}' THEN '{member.value}'" for member in kind.enum_class)
        return f"CASE {column} {cases} ELSE {column} END"
    if isinstance(kind, Boolean):
        if as_json:
            return f"json(CASE {column} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"
        return f"CASE {column} WHEN 1 THEN 'True' WHEN 0 THEN 'False' END"
    if isinstance(kind, DateTime):  # stored 'YYYY-MM-DD HH:MM:SS.ffffff': microseconds only when there are some
        zone = "'+00:00'" if kind.timezone else "''"
        shown = (f"CASE WHEN substr({column}, 20) IN ('', '.000000') THEN substr({column}, 1, 19) "
                 f"ELSE {column} END || {zone}")
        return f"replace({shown}, ' ', 'T')" if as_json else shown
    return column  # integers, text, and dates (stored as ISO text)


def _quoted_by_sqlite(value: str) -> str:
    """The value, and when CSV needs it quoted, wrapped and escaped with the stand-in bytes."""
    return (f"CASE WHEN instr({value}, ',') OR instr({value}, '\"') OR instr({value}, char(10)) "
            f"THEN X'FE' || replace(replace(replace({value}, '\"', X'FEFE'), ',', X'FD'), char(10), X'FC') "
            f"|| X'FE' ELSE {value} END")


def _free_text(connection: Connection, source: SqliteSource) -> set[int]:
    """The columns (by position) that need quotes often enough, judged on the first rows."""
    rows = connection.exec_driver_sql(source.after(", ".join(source.values), SAMPLE_ROWS), (BELOW_EVERY_ID,)).fetchall()
    columns = zip(*rows, strict=True)  # nothing when there are no rows
    counts = [sum(1 for value in column if isinstance(value, str) and _needs_quotes(value)) for column in columns]
    return {i for i, n in enumerate(counts) if n >= FREE_TEXT_SHARE * len(rows)}


def _needs_quotes(value: str) -> bool:
    return "," in value or '"' in value or "\n" in value


def _sqlite_chunks(connection: Connection, source: SqliteSource) -> Iterator[bytes]:
    free = _free_text(connection, source)
    fields = [_quoted_by_sqlite(v) if i in free else v for i, v in enumerate(source.values)]
    fmt = "X'" + (b"%s" + b"\xff%s" * (len(fields) - 1)).hex().upper() + "'"  # printf's format, as bytes
    rows = source.after(f"{source.row_id} AS row_id, printf(CAST({fmt} AS TEXT), {', '.join(fields)}) AS line",
                        CHUNK_ROWS)
    # The aggregate reads the rows in the order the subquery gives them, by id.
    chunk_sql = f"SELECT CAST(group_concat(line, X'FB') AS BLOB), count(*), max(row_id) FROM ({rows})"
    lines_sql = f"SELECT CAST(line AS BLOB) FROM ({rows})"
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        last = BELOW_EVERY_ID
        while True:
            chunk, count, newest = cursor.execute(chunk_sql, (last,)).fetchone()
            if not count:
                return
            clean = _restore(chunk, count, len(fields))
            yield from ((clean, b"\n") if clean is not None else
                        (_line(line, len(fields)) for (line,) in cursor.execute(lines_sql, (last,)).fetchall()))
            last = newest
    finally:
        cursor.close()


def _restore(chunk: bytes, rows: int, columns: int) -> bytes | None:
    """The chunk's rows as CSV lines (but the last newline), or None when a value in it needs quotes
    that the database did not write."""
    if (b"," in chunk or b'"' in chunk or b"\n" in chunk or chunk.count(ROW) != rows - 1
            or chunk.count(FIELD) != rows * (columns - 1)):
        return None
    return chunk.translate(_RESTORE)


def _line(row: bytes, columns: int) -> bytes:
    values = row.split(FIELD)
    if len(values) != columns:
        raise ValueError("the database holds text that is not valid UTF-8")
    quoted = [b'"' + v.replace(b'"', b'""') + b'"' if b"," in v or b'"' in v or b"\n" in v else v for v in values]
    return b",".join(quoted).translate(_RESTORE) + b"\n"
