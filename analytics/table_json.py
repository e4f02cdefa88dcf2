"""Whole tables as JSON bytes, for the "download whole tables" buttons.

An array of row objects, one per line: the same keys and values as downloads.to_json_bytes gives
for queries.whole_table (dates and instants as ISO 8601 strings, missing values as null).

On SQLite the database writes each row as a JSON object (`json_object`) and hands over 20,000
rows at a time as one string, so a million rows take seconds instead of a minute spent making a
Python object per value. Other databases go through json.dumps row by row.
"""

from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection

from analytics import queries
from analytics.downloads import to_json_bytes
from analytics.table_csv import BELOW_EVERY_ID, sqlite_source

CHUNK_ROWS = 20_000


def whole_table_json(connection: Connection, *, table: str) -> bytes:
    """queries.whole_table(table) as a UTF-8 JSON array of objects, in id order."""
    statement = queries.whole_table_statement(table=table)
    source = sqlite_source(connection, table, statement, as_json=True) \
        if connection.dialect.name == "sqlite" else None
    if source is None:
        result = connection.execute(statement)
        return to_json_bytes(pd.DataFrame([tuple(row) for row in result], columns=list(result.keys())))
    pairs = ", ".join(f"'{_sql_text(name)}', {value}" for name, value in zip(source.names, source.values, strict=True))
    rows = source.after(f"{source.row_id} AS row_id, json_object({pairs}) AS item", CHUNK_ROWS)
    # The aggregate reads the rows in the order the subquery gives them, by id.
    chunk_sql = f"SELECT CAST(group_concat(item, ',' || char(10)) AS BLOB), max(row_id) FROM ({rows})"
    cursor: Any = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    chunks: list[bytes] = []
    try:
        last = BELOW_EVERY_ID
        while True:
            chunk, newest = cursor.execute(chunk_sql, (last,)).fetchone()
            if newest is None:
                break
            chunks.append(chunk)
            last = newest
    finally:
        cursor.close()
    return b"[\n" + b",\n".join(chunks) + b"\n]" if chunks else b"[]"


def _sql_text(name: str) -> str:
    return name.replace("'", "''")
