"""Word search over quote texts and statement paraphrases.

On SQLite, `ensure_quote_index(engine)` builds FTS5 indexes (`quote_fts`,
`statement_fts`) as external-content tables over the loader's tables, so the
loader needs to know nothing about them. A small state table remembers what the
index was built from (row count, highest id, total text length); when the data
changes the index is rebuilt on the next call. Where FTS5 is unavailable (another
database, a read-only file) the search falls back to case-insensitive LIKE.
"""

import logging
import re
from typing import Any

from sqlalchemy import Engine, and_, func, literal_column, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

log = logging.getLogger(__name__)

# index name -> (content table, text column)
INDEXES: dict[str, tuple[str, str]] = {
    "quote_fts": ("quote", "text"),
    "statement_fts": ("statement", "paraphrase"),
}
STATE_TABLE = "search_index_state"
_WORD = re.compile(r"\w+", re.UNICODE)


def ensure_quote_index(engine: Engine) -> bool:
    """Create or refresh the full-text indexes; True when they are ready to use."""
    if engine.dialect.name != "sqlite":
        return False
    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} "
                              "(name TEXT PRIMARY KEY, row_count INTEGER, max_id INTEGER, text_length INTEGER)"))
            for name, (table, column) in INDEXES.items():
                exists = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = :t"), {"t": table}).first()
                if not exists:
                    return False
                conn.execute(text(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5({column}, content='{table}', "
                    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"))
                stamp = tuple(conn.execute(text(
                    f"SELECT count(*), coalesce(max(id), 0), coalesce(sum(length({column})), 0) FROM {table}"
                )).one())
                stored = conn.execute(text(f"SELECT row_count, max_id, text_length FROM {STATE_TABLE} "
                                           "WHERE name = :n"), {"n": name}).first()
                if stored is None or tuple(stored) != stamp:
                    conn.execute(text(f"INSERT INTO {name}({name}) VALUES('rebuild')"))
                    conn.execute(text(f"INSERT OR REPLACE INTO {STATE_TABLE} VALUES (:n, :c, :m, :l)"),
                                 {"n": name, "c": stamp[0], "m": stamp[1], "l": stamp[2]})
        return True
    except SQLAlchemyError as exc:  # no FTS5 in this SQLite, read-only file ...
        log.warning("full-text index unavailable, searching with LIKE: %s", exc)
        return False


def match_expression(search: str) -> str:
    """User words -> an FTS5 query: every word must appear, as a prefix ('sogn' finds 'sogno')."""
    words = _WORD.findall(search)
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _index_ready(session: Session, name: str) -> bool:
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(text(f"SELECT 1 FROM sqlite_master WHERE name = '{STATE_TABLE}'")).first()
    if not found:
        return False
    return conn.execute(text(f"SELECT 1 FROM {STATE_TABLE} WHERE name = :n"), {"n": name}).first() is not None


def _like_all(column: Any, search: str) -> Any:
    words = _WORD.findall(search.lower())
    if not words:
        return literal_column("1") == 1
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return and_(*(func.lower(column).like(f"%{w}%", escape="\\") for w in escaped))


def _ids_matching(session: Session, name: str, search: str, id_column: Any, text_column: Any) -> Any:
    expression = match_expression(search)
    if not expression:
        return literal_column("1") == 1
    if _index_ready(session, name):
        condition = text(f"{name} MATCH :fts_{name}").bindparams(**{f"fts_{name}": expression})
        return id_column.in_(select(literal_column("rowid")).select_from(text(name)).where(condition))
    return _like_all(text_column, search)


def quote_ids_matching(session: Session, search: str, id_column: Any, text_column: Any) -> Any:
    """SQL condition: the quote's text contains every word of `search`."""
    return _ids_matching(session, "quote_fts", search, id_column, text_column)


def statement_ids_matching(session: Session, search: str, id_column: Any, text_column: Any) -> Any:
    """SQL condition: the statement's paraphrase contains every word of `search`."""
    return _ids_matching(session, "statement_fts", search, id_column, text_column)
