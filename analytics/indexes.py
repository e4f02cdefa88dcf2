"""Indexes the dashboard's filters rely on, created if missing (SQLite and PostgreSQL).

The tables' own single-column indexes come with the models; these composite ones
serve the queries in analytics.queries: one team's matches in a date range (one
index per side, read by the two halves of a UNION ALL), a season's league phase,
the quotes and statements tied to a match, and who is named in a set of quotes.

One derived table, `team_item` (SQLite only), answers "which quotes and statements
are about this team", with a full-text index of the quotes' words beside their
teams (`team_item_words`) for word searches within a team. Both are built from
their definition by `ensure_team_items` (called by `ensure_indexes`), marked stale
by triggers whenever a table they are built from changes, and rebuilt on the next
call. The loader knows nothing about them; queries use them only while they are
fresh and otherwise compute the same rows from the definition.
"""

import logging

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Engine,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    inspect,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from analytics.search import ensure_quote_index

log = logging.getLogger(__name__)

INDEXES: dict[str, tuple[str, str]] = {
    "ix_match_home_team_id_date": ("match", "home_team_id, date"),
    "ix_match_away_team_id_date": ("match", "away_team_id, date"),
    "ix_match_stage_season": ("match", "stage, season"),
    "ix_quote_match_id": ("quote", "match_id"),
    "ix_statement_match_id": ("statement", "match_id"),
    "ix_claim_source_date": ("claim", "source_date"),
    # Who is named in a set of quotes: read from the index alone, never from the mention rows.
    "ix_mention_quote_names": ("mention", "quote_id, person_id, team_id, surface"),
}


def ensure_indexes(engine: Engine) -> list[str]:
    """Create the missing indexes; return the names created. Never raises (a read-only
    database simply runs without them)."""
    created: list[str] = []
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.begin() as conn:
            for name, (table, columns) in INDEXES.items():
                if table not in tables:
                    continue
                existing = {ix["name"] for ix in inspect(conn).get_indexes(table)}
                if name in existing:
                    continue
                conn.execute(text(f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" ({columns})'))
                created.append(name)
    except SQLAlchemyError as exc:
        log.warning("could not create indexes: %s", exc)
    ensure_team_items(engine)  # built where the indexes are, so every caller of ensure_indexes gets it
    return created


# --- team_item: the quotes and statements about each team ---------------------------------------

# Not on SQLModel.metadata: the loader never creates it and the models' schema stays as it is.
_DERIVED = MetaData()
TEAM_ITEM = Table(
    "team_item", _DERIVED,
    Column("team_id", Integer, nullable=False),
    Column("said_on", Date, nullable=False),
    Column("kind", String, nullable=False),  # 'quote' | 'statement'
    Column("item_id", Integer, nullable=False),  # quote.id or statement.id
    Column("week", Date),  # Monday of said_on's ISO week
    Column("speaker", String),  # as the page shows it: person, else the name as written
    Column("speaker_team", String, nullable=False),  # '' when the speaker has no team
    Column("outlet", String),
    Column("language", String),
    # Clustered by team and date: a team's rows in a date range are one contiguous read, already in the
    # order the cards are listed in.
    PrimaryKeyConstraint("team_id", "said_on", "kind", "item_id"),
    sqlite_with_rowid=False,
)
TEAM_ITEM_STATE = "team_item_state"
# The tables team_item is built from: a trigger on each marks it stale when they change.
TEAM_ITEM_SOURCES = ("quote", "statement", "mention", "person", "match", "article", "team")

# A quote is about a team when its speaker belongs to the team, when its match is one of the
# team's, or when its article mentions the team; a statement when its team or its match is the team's.
_FILL_TEAM_ITEM = """
INSERT INTO team_item (team_id, said_on, kind, item_id, week, speaker, speaker_team, outlet, language)
WITH quote_about(team_id, quote_id) AS (
    SELECT p.team_id, q.id FROM quote q JOIN person p ON p.id = q.person_id WHERE p.team_id IS NOT NULL
    UNION SELECT m.home_team_id, q.id FROM quote q JOIN "match" m ON m.id = q.match_id
    UNION SELECT m.away_team_id, q.id FROM quote q JOIN "match" m ON m.id = q.match_id
    UNION SELECT mn.team_id, q.id FROM mention mn JOIN quote q ON q.article_id = mn.article_id
          WHERE mn.team_id IS NOT NULL
), statement_about(team_id, statement_id) AS (
    SELECT s.team_id, s.id FROM statement s WHERE s.team_id IS NOT NULL
    UNION SELECT m.home_team_id, s.id FROM statement s JOIN "match" m ON m.id = s.match_id
    UNION SELECT m.away_team_id, s.id FROM statement s JOIN "match" m ON m.id = s.match_id
)
SELECT x.team_id, q.said_on, 'quote', q.id, date(q.said_on, 'weekday 0', '-6 days'),
       coalesce(p.name, q.speaker, 'unknown speaker'), coalesce(t.name, ''), coalesce(a.outlet, 'unknown outlet'),
       a.language
FROM quote_about x JOIN quote q ON q.id = x.quote_id JOIN article a ON a.id = q.article_id
LEFT JOIN person p ON p.id = q.person_id LEFT JOIN team t ON t.id = p.team_id
WHERE q.said_on IS NOT NULL
UNION ALL
SELECT x.team_id, s.said_on, 'statement', s.id, date(s.said_on, 'weekday 0', '-6 days'), s.speaker,
       coalesce(t.name, ''), s.outlet, s.language
FROM statement_about x JOIN statement s ON s.id = x.statement_id LEFT JOIN team t ON t.id = s.team_id
WHERE s.said_on IS NOT NULL
"""


# The words of every quote with its teams' tokens beside them ('t12 t40'), so that a word search within
# one team is one full-text query that intersects two posting lists, instead of every quote with the
# word (a common word is in a fifth of them) checked against the team's rows. Contentless: built from
# quote and team_item by ensure_team_items, with the tokenizer of analytics.search's indexes.
TEAM_WORDS = "team_item_words"
_CREATE_TEAM_WORDS = (f"CREATE VIRTUAL TABLE IF NOT EXISTS {TEAM_WORDS} USING fts5(text, teams, content='', "
                      "detail=column, tokenize='unicode61 remove_diacritics 2')")
_FILL_TEAM_WORDS = f"""
INSERT INTO {TEAM_WORDS} (rowid, text, teams)
SELECT q.id, q.text, x.teams
FROM (SELECT item_id, group_concat('t' || team_id, ' ') AS teams FROM team_item WHERE kind = 'quote'
      GROUP BY item_id) x
JOIN quote q ON q.id = x.item_id
"""


def team_token(tid: int) -> str:
    """The token standing for team `tid` in TEAM_WORDS's teams column."""
    return f"t{tid}"


def team_items_fresh(conn: Connection) -> bool:
    """True when team_item exists and nothing it is built from has changed since (a one-row read)."""
    if conn.dialect.name != "sqlite":
        return False
    found = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
                         {"n": TEAM_ITEM_STATE}).first()
    if found is None:
        return False
    return conn.execute(text(f"SELECT fresh FROM {TEAM_ITEM_STATE} WHERE id = 1")).scalar() == 1


def team_words_ready(conn: Connection) -> bool:
    """True when TEAM_WORDS exists; it is as fresh as team_item (the two are built together)."""
    return conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = :n"), {"n": TEAM_WORDS}).first() is not None


def _fill_team_words(conn: Connection) -> None:
    conn.execute(text(_CREATE_TEAM_WORDS))
    conn.execute(text(f"INSERT INTO {TEAM_WORDS} ({TEAM_WORDS}) VALUES ('delete-all')"))
    conn.execute(text(_FILL_TEAM_WORDS))


def ensure_team_items(engine: Engine) -> bool:
    """Build team_item, TEAM_WORDS and the staleness triggers when missing or stale; True when fresh.

    SQLite only (elsewhere the queries compute the same rows from the definition). Never raises:
    a read-only file or a database without the quote tables simply runs without it."""
    if engine.dialect.name != "sqlite":
        return False
    try:
        with engine.begin() as conn:
            fts5 = bool(conn.execute(text("SELECT sqlite_compileoption_used('ENABLE_FTS5')")).scalar())
            if team_items_fresh(conn) and (team_words_ready(conn) or not fts5):
                return True
            if not set(TEAM_ITEM_SOURCES) <= set(inspect(conn).get_table_names()):
                return False
            conn.execute(text(f"CREATE TABLE IF NOT EXISTS {TEAM_ITEM_STATE} "
                              "(id INTEGER PRIMARY KEY CHECK (id = 1), fresh INTEGER NOT NULL)"))
            for source in TEAM_ITEM_SOURCES:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    conn.execute(text(
                        f"CREATE TRIGGER IF NOT EXISTS team_item_stale_{source}_{event.lower()} "
                        f'AFTER {event} ON "{source}" '
                        f"BEGIN UPDATE {TEAM_ITEM_STATE} SET fresh = 0 WHERE fresh <> 0; END"))
            TEAM_ITEM.create(conn, checkfirst=True)
            conn.execute(TEAM_ITEM.delete())
            conn.execute(text(_FILL_TEAM_ITEM))
            if fts5:  # else word searches read analytics.search's own index
                _fill_team_words(conn)
            conn.execute(text(f"INSERT OR REPLACE INTO {TEAM_ITEM_STATE} (id, fresh) VALUES (1, 1)"))
    except SQLAlchemyError as exc:
        log.warning("team_item unavailable, quote queries use their definition: %s", exc)
        return False
    # Whatever made team_item stale may have changed the texts too: refresh the full-text index with it, so
    # "team_item is fresh" also means "the index is" (ui.data checks only the former, a one-row read).
    ensure_quote_index(engine)
    return True
