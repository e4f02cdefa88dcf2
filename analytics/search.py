"""Word search over quote texts and statement paraphrases.

On SQLite, `ensure_quote_index(engine)` builds FTS5 indexes (`quote_fts`,
`statement_fts`) as external-content tables over the loader's tables, so the
loader needs to know nothing about them. A small state table remembers what the
index was built from, and triggers mark it stale when the indexed texts change;
a stale index is rebuilt on the next call. Where FTS5 is unavailable (another
database, a read-only file) the search falls back to case-insensitive LIKE.
"""

import logging
import re
from typing import Any

from sqlalchemy import Engine, and_, column, func, literal_column, select, text
from sqlalchemy import table as sql_table
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


# The state row's text_length column says how the stamp is kept: TRACKED when triggers on the
# content table mark the row STALE on every change that matters (a row added or removed, the text
# or the id changed). Checking it costs a few one-row reads, where summing the length of every
# text (the earlier stamp, still recognised: it triggers one rebuild) read the whole table.
TRACKED, STALE = -1, -2


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
                if not _index_fresh(conn, name, table):
                    _rebuild_index(conn, name, table, column)
        return True
    except SQLAlchemyError as exc:  # no FTS5 in this SQLite, read-only file ...
        log.warning("full-text index unavailable, searching with LIKE: %s", exc)
        return False


def _stale_triggers(name: str, column: str) -> dict[str, str]:
    """Trigger name -> the event after which it marks the index stale."""
    return {f"{name}_stale_insert": "INSERT", f"{name}_stale_delete": "DELETE",
            f"{name}_stale_update": f"UPDATE OF id, {column}"}


def _index_fresh(conn: Any, name: str, table: str) -> bool:
    stored = conn.execute(text(f"SELECT max_id, text_length FROM {STATE_TABLE} WHERE name = :n"), {"n": name}).first()
    if stored is None or stored[1] != TRACKED:
        return False
    needed = [name, *_stale_triggers(name, INDEXES[name][1])]  # the index and its triggers are still there
    names = ", ".join(f"'{n}'" for n in needed)  # our own constants
    if conn.execute(text(f"SELECT count(*) FROM sqlite_master WHERE name IN ({names})")).scalar_one() != len(needed):
        return False
    # The highest id is an index lookup: a cheap second opinion on rows added behind the triggers' back.
    return bool(conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one() == stored[0])


def _rebuild_index(conn: Any, name: str, table: str, column: str) -> None:
    conn.execute(text(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5({column}, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"))
    for trigger, event in _stale_triggers(name, column).items():
        conn.execute(text(f'CREATE TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON "{table}" BEGIN '
                          f"UPDATE {STATE_TABLE} SET text_length = {STALE} WHERE name = '{name}'; END"))
    conn.execute(text(f"INSERT INTO {name}({name}) VALUES('rebuild')"))
    count, max_id = conn.execute(text(f"SELECT count(*), coalesce(max(id), 0) FROM {table}")).one()
    conn.execute(text(f"INSERT OR REPLACE INTO {STATE_TABLE} VALUES (:n, :c, :m, :l)"),
                 {"n": name, "c": count, "m": max_id, "l": TRACKED})


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


def ids_matching(session: Session, kind: str, search: str, id_column: Any) -> Any:
    """SQL condition on `id_column` (ids of quotes when `kind` is 'quote', of statements when
    'statement'): the item's text contains every word of `search`.

    The full-text index where it is ready, else LIKE on the item's own table (any database)."""
    name = f"{kind}_fts"
    table, text_column = INDEXES[name]
    expression = match_expression(search)
    if not expression:
        return literal_column("1") == 1
    if _index_ready(session, name):
        condition = text(f"{name} MATCH :fts_{name}").bindparams(**{f"fts_{name}": expression})
        return id_column.in_(select(literal_column("rowid")).select_from(text(name)).where(condition))
    source = sql_table(table, column("id"), column(text_column))
    return id_column.in_(select(source.c.id).where(_like_all(source.c[text_column], search)))


def team_quote_ids_matching(index: str, token: str, search: str, id_column: Any) -> Any:
    """SQL condition on `id_column` (quote ids): the quote is about the team whose token is `token` and
    its text contains every word of `search`, as one query of `index` (a full-text index with the
    columns text and teams, analytics.indexes.TEAM_WORDS): FTS5 intersects the word's and the team's
    posting lists, so a common word never lists every quote that has it."""
    expression = match_expression(search)
    if not expression:
        return literal_column("1") == 1
    query = f'teams : "{token}" AND text : ({expression})'
    condition = text(f"{index} MATCH :team_words").bindparams(team_words=query)
    return id_column.in_(select(literal_column("rowid")).select_from(text(index)).where(condition))
