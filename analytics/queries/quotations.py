"""Verbatim quotes and reported statements about a team, with word search, weekly bins and mentions."""

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    cast,
    distinct,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.schema import CreateTable
from sqlalchemy.sql import Select
from sqlmodel import Session

from analytics.indexes import TEAM_ITEM, TEAM_WORDS, team_items_fresh, team_token, team_words_ready
from analytics.queries.common import read_frame
from analytics.queries.matches import team_id
from analytics.search import ids_matching, team_quote_ids_matching
from models import Article, Match, Mention, Person, Quote, Statement, Team, core_table

# --- quotes and reported statements ------------------------------------------------------------

QUOTE_COLUMNS = [
    "kind", "item_id", "date", "speaker", "speaker_team", "text", "outlet", "language", "url",
    "article_title", "question", "setting", "match_id", "source",
]
WEEK_COLUMNS = ["week", "speaker", "speaker_team", "kind", "items"]
MENTION_COLUMNS = ["name", "kind", "mentions", "quotes"]
KINDS = ("quote", "statement")
# The Quote timeline's queries: ui.data refreshes team_item (and the full-text index) before running them.
QUOTE_QUERIES = ("quotes", "quote_count", "quotes_by_week", "quote_filter_options", "mentions_in_quotes",
                 "quote_summary")


def _team_match_ids(tid: int) -> Any:
    m = core_table(Match).c
    return select(m.id).where(or_(m.home_team_id == tid, m.away_team_id == tid))


def _week(column: Any, dialect: str) -> Any:
    """Monday of the ISO week of a date column."""
    if dialect == "sqlite":
        return func.date(column, "weekday 0", "-6 days")
    return cast(func.date_trunc("week", column), Date)


def _defined_team_items(tid: int, dialect: str) -> Any:
    """The rows team_item holds for team `tid`, computed from their definition (any database).

    A quote is about the team when its speaker belongs to it, when its match is the team's or
    when its article mentions the team; a statement when its team or its match is the team's.
    Columns as team_item's: team_id, said_on, kind, item_id, week, speaker, speaker_team, outlet,
    language.
    """
    q = core_table(Quote).c
    a = core_table(Article).c
    p = core_table(Person).c
    t = core_table(Team).c
    mn = core_table(Mention).c
    s = core_table(Statement).c
    quotes_about = (
        select(literal(tid).label("team_id"), q.said_on.label("said_on"), literal("quote").label("kind"),
               q.id.label("item_id"), _week(q.said_on, dialect).label("week"),
               func.coalesce(p.name, q.speaker, "unknown speaker").label("speaker"),
               func.coalesce(t.name, "").label("speaker_team"),
               func.coalesce(a.outlet, "unknown outlet").label("outlet"), a.language.label("language"))
        .select_from(core_table(Quote))
        .join(a.id.table, a.id == q.article_id)
        .outerjoin(p.id.table, p.id == q.person_id)
        .outerjoin(t.id.table, t.id == p.team_id)
        .where(q.said_on.is_not(None), or_(
            p.team_id == tid,
            q.match_id.in_(_team_match_ids(tid)),
            q.article_id.in_(select(mn.article_id).where(mn.team_id == tid)),
        ))
    )
    statements_about = (
        select(literal(tid), s.said_on, literal("statement"), s.id, _week(s.said_on, dialect), s.speaker,
               func.coalesce(t.name, ""), s.outlet, s.language)
        .select_from(core_table(Statement))
        .outerjoin(t.id.table, t.id == s.team_id)
        .where(s.said_on.is_not(None), or_(s.team_id == tid, s.match_id.in_(_team_match_ids(tid))))
    )
    return union_all(quotes_about, statements_about).subquery("team_items")


def _selection(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
               speakers: Sequence[str] | None, outlets: Sequence[str] | None,
               languages: Sequence[str] | None, search: str | None,
               kinds: Sequence[str] = KINDS) -> tuple[Any, list[Any]] | None:
    """Where the team's quotes and statements are read from, and the filters as conditions on it
    (None for an unknown team).

    The derived table team_item while it is fresh: one contiguous read of the team's rows in the
    date range, where the definition's OR would test every quote of the period; a word search then
    reads the team's own postings in TEAM_WORDS. Otherwise the same rows from the definition, so the
    answers never depend on the derived data.
    """
    tid = team_id(session, team=team)
    if tid is None:
        return None
    conn = session.connection()
    source = TEAM_ITEM if team_items_fresh(conn) else _defined_team_items(tid, conn.dialect.name)
    c = source.c
    conditions: list[Any] = [c.team_id == tid, c.said_on >= date_from, c.said_on <= date_to]
    if tuple(kinds) != KINDS:
        conditions.append(c.kind.in_(list(kinds)))
    if speakers:
        conditions.append(c.speaker.in_(list(speakers)))
    if outlets:
        conditions.append(c.outlet.in_(list(outlets)))
    if languages:
        conditions.append(c.language.in_(list(languages)))
    words = (search or "").strip()
    if words:
        team_words = source is TEAM_ITEM and team_words_ready(conn)
        conditions.append(or_(*(
            and_(c.kind == kind, team_quote_ids_matching(TEAM_WORDS, team_token(tid), words, c.item_id)
                 if kind == "quote" and team_words else ids_matching(session, kind, words, c.item_id))
            for kind in kinds)))
    return source, conditions


def _quote_rows() -> Select[Any]:
    """QUOTE_COLUMNS of quotes (the caller adds which ones)."""
    q = core_table(Quote).c
    a = core_table(Article).c
    p = core_table(Person).c
    t = core_table(Team).c
    return (
        select(
            literal("quote").label("kind"), q.id.label("item_id"), q.said_on.label("date"),
            func.coalesce(p.name, q.speaker, "unknown speaker").label("speaker"),
            func.coalesce(t.name, "").label("speaker_team"), q.text.label("text"),
            func.coalesce(a.outlet, "unknown outlet").label("outlet"), a.language.label("language"),
            a.url.label("url"), a.title.label("article_title"), q.question.label("question"),
            cast(null(), String).label("setting"), q.match_id.label("match_id"),
            func.coalesce(a.url, a.source_file, "").label("source"),
        )
        .select_from(core_table(Quote))
        .join(a.id.table, a.id == q.article_id)
        .outerjoin(p.id.table, p.id == q.person_id)
        .outerjoin(t.id.table, t.id == p.team_id)
    )


def _statement_rows() -> Select[Any]:
    """QUOTE_COLUMNS of reported statements (the caller adds which ones)."""
    s = core_table(Statement).c
    t = core_table(Team).c
    return (
        select(
            literal("statement").label("kind"), s.id.label("item_id"), s.said_on.label("date"),
            s.speaker.label("speaker"), func.coalesce(t.name, "").label("speaker_team"),
            s.paraphrase.label("text"), s.outlet.label("outlet"), s.language.label("language"),
            s.source.label("url"), cast(null(), String).label("article_title"),
            cast(null(), String).label("question"), s.setting.label("setting"), s.match_id.label("match_id"),
            s.source.label("source"),
        )
        .select_from(core_table(Statement))
        .outerjoin(t.id.table, t.id == s.team_id)
    )


def quotes(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
           speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
           languages: Sequence[str] | None = None, search: str | None = None,
           limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Verbatim quotes and reported statements about `team`, oldest first.

    A quote is about the team when its speaker plays or works for it, when it is tied to one of
    the team's matches, or when its article mentions the team; a statement when its team or
    match is the team's. `search` is matched as words (full-text index where available).
    Columns: kind ('quote' | 'statement'), item_id, date, speaker, speaker_team, text (verbatim
    for a quote, a paraphrase for a statement), outlet, language, url, article_title, question,
    setting, match_id, source.
    """
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search)
    if picked is None:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    return _items_page(session, _hits(*picked).subquery("hits"), limit=limit, offset=offset)


def _items_page(session: Session, hits: Any, *, limit: int | None, offset: int) -> pd.DataFrame:
    """QUOTE_COLUMNS of the items among `hits` (kind, item_id, said_on ...), oldest first, from `offset`.

    The page is picked on the narrow rows first; only its texts, titles and links are then read."""
    page = (select(hits.c.kind, hits.c.item_id).order_by(hits.c.said_on, hits.c.kind, hits.c.item_id)
            .offset(offset))
    if limit is not None:
        page = page.limit(limit)
    picked_page = page.cte("page")
    q = core_table(Quote).c
    s = core_table(Statement).c
    both = union_all(
        _quote_rows().where(q.id.in_(select(picked_page.c.item_id).where(picked_page.c.kind == "quote"))),
        _statement_rows().where(s.id.in_(select(picked_page.c.item_id).where(picked_page.c.kind == "statement"))),
    ).subquery()
    stmt = select(both).order_by(both.c.date, both.c.kind, both.c.item_id)
    frame = read_frame(session, stmt, QUOTE_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def quote_count(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                languages: Sequence[str] | None = None, search: str | None = None) -> pd.DataFrame:
    """How many quotes and statements match. Columns: kind, items."""
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search)
    if picked is None:
        return pd.DataFrame(columns=["kind", "items"])
    source, conditions = picked
    stmt = (select(source.c.kind, func.count().label("items")).where(*conditions)
            .group_by(source.c.kind).order_by(source.c.kind))
    return read_frame(session, stmt, ["kind", "items"])


# A word search's matching items, read once for the several summaries of quote_summary (one per connection).
_HITS = Table("quote_hits", MetaData(), Column("kind", String), Column("item_id", Integer),
              Column("said_on", Date), Column("week", Date), Column("speaker", String),
              Column("speaker_team", String), schema="temp")


def _hits(source: Any, conditions: list[Any]) -> Select[Any]:
    c = source.c
    return select(c.kind, c.item_id, c.said_on, c.week, c.speaker, c.speaker_team).where(*conditions)


@contextmanager
def _read_once(session: Session, source: Any, conditions: list[Any], search: str | None) -> Iterator[Any]:
    """The matching items as a FROM clause (kind, item_id, said_on, week, speaker, speaker_team) for several
    statements. A word search over team_item is run once into a temporary table: as a subquery, every
    statement would read the full-text index and the team's rows again. Anything else stays a subquery
    (a contiguous read of team_item, or the definition on other databases)."""
    if source is not TEAM_ITEM or not (search or "").strip():
        yield _hits(source, conditions).subquery("hits")
        return
    conn = session.connection()
    conn.execute(CreateTable(_HITS, if_not_exists=True))
    conn.execute(_HITS.delete())
    conn.execute(_HITS.insert().from_select(list(_HITS.c.keys()), _hits(source, conditions)))
    try:
        yield _HITS
    finally:
        conn.execute(_HITS.delete())


def _weeks(session: Session, hits: Any) -> pd.DataFrame:
    """Items per ISO week, speaker and kind, every speaker (WEEK_COLUMNS; week as a date)."""
    c = hits.c
    stmt = (select(c.week, c.speaker, func.max(c.speaker_team).label("speaker_team"), c.kind,
                   func.count().label("items"))
            .group_by(c.week, c.speaker, c.kind))
    frame = read_frame(session, stmt, WEEK_COLUMNS)
    frame["week"] = pd.to_datetime(frame["week"]).dt.date
    return frame


def _busiest(weeks: pd.DataFrame, top_speakers: int) -> pd.DataFrame:
    """The weeks of the `top_speakers` speakers with most items (ties by name, as SQL would order them)."""
    totals = weeks.groupby("speaker")["items"].sum()
    busiest = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:top_speakers]
    picked = weeks[weeks["speaker"].isin([name for name, _ in busiest])]
    return picked.sort_values(["week", "speaker", "kind"]).reset_index(drop=True)


def _mentions(session: Session, hits: Any, top: int) -> pd.DataFrame:
    """Who is named inside the quotes among `hits` (MENTION_COLUMNS), most named first."""
    mn = core_table(Mention).c
    p = core_table(Person).c
    t = core_table(Team).c
    name = func.coalesce(p.name, t.name, mn.surface)
    kind = case((p.name.is_not(None), "person"), (t.name.is_not(None), "team"), else_="name")
    stmt = (
        select(name.label("name"), kind.label("kind"), func.count().label("mentions"),
               func.count(distinct(mn.quote_id)).label("quotes"))
        .select_from(hits)
        .join(mn.id.table, mn.quote_id == hits.c.item_id)
        .outerjoin(p.id.table, p.id == mn.person_id)
        .outerjoin(t.id.table, t.id == mn.team_id)
        .where(hits.c.kind == "quote")
        .group_by(name, kind)
        .order_by(func.count().desc(), name)
        .limit(top)
    )
    return read_frame(session, stmt, MENTION_COLUMNS)


def quotes_by_week(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                   speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                   languages: Sequence[str] | None = None, search: str | None = None,
                   top_speakers: int = 30) -> pd.DataFrame:
    """Quotes and statements counted per ISO week, speaker and kind, for the busiest speakers.

    Columns: week (Monday, date), speaker, speaker_team, kind, items.
    """
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search)
    if picked is None:
        return pd.DataFrame(columns=WEEK_COLUMNS)
    # One pass counts every speaker's weeks; the busiest speakers are then picked from those counts
    # (a second pass to rank them would read the rows, and run the word search, twice).
    return _busiest(_weeks(session, _hits(*picked).subquery("hits")), top_speakers)


def mentions_in_quotes(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                       speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                       languages: Sequence[str] | None = None, search: str | None = None,
                       top: int = 20) -> pd.DataFrame:
    """Who is named inside the quotes that pass the filters, counted in SQL.

    Columns: name (person, else team, else the words as written), kind ('person' | 'team' |
    'name'), mentions (number of mentions), quotes (number of distinct quotes).
    """
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search, kinds=("quote",))
    if picked is None:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    return _mentions(session, _hits(*picked).subquery("hits"), top)


def quote_summary(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                  speakers: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                  languages: Sequence[str] | None = None, search: str | None = None,
                  top_speakers: int = 30, top_mentions: int = 20, first: int = 20,
                  max_items: int = 0) -> dict[str, pd.DataFrame]:
    """What the quote page shows for one filter, from one read of the matching items: with a word
    search, the search runs once (into a temporary table) instead of once per summary.

    "counts": quote_count's frame (kind, items); "weekly": quotes_by_week's (week, speaker,
    speaker_team, kind, items; the `top_speakers` busiest); "mentions": mentions_in_quotes's (name,
    kind, mentions, quotes; the `top_mentions` most named); "items": every item, as quotes() gives
    them (QUOTE_COLUMNS), when there are at most `max_items` of them, else no rows; "first": the
    `first` oldest items, as quotes(limit=first) gives them.
    """
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=speakers,
                        outlets=outlets, languages=languages, search=search)
    if picked is None:
        return {"counts": pd.DataFrame(columns=["kind", "items"]), "weekly": pd.DataFrame(columns=WEEK_COLUMNS),
                "mentions": pd.DataFrame(columns=MENTION_COLUMNS), "items": pd.DataFrame(columns=QUOTE_COLUMNS),
                "first": pd.DataFrame(columns=QUOTE_COLUMNS)}
    with _read_once(session, *picked, search) as hits:
        weeks = _weeks(session, hits)
        total = int(weeks["items"].sum())
        items = _items_page(session, hits, limit=None, offset=0) if total <= max_items else None
        first_items = items.head(first) if items is not None else _items_page(session, hits, limit=first, offset=0)
        mentions = _mentions(session, hits, top_mentions)
    counts = weeks.groupby("kind")["items"].sum().reset_index()  # grouped keys come sorted, as SQL orders them
    return {"counts": counts[["kind", "items"]], "weekly": _busiest(weeks, top_speakers), "mentions": mentions,
            "items": items if items is not None else pd.DataFrame(columns=QUOTE_COLUMNS), "first": first_items}


def quote_filter_options(session: Session, *, team: str, date_from: dt.date, date_to: dt.date,
                         limit: int = 500) -> dict[str, list[str]]:
    """Speakers, outlets and languages present for the team and dates (each at most `limit`)."""
    out: dict[str, list[str]] = {"speaker": [], "outlet": [], "language": []}
    picked = _selection(session, team=team, date_from=date_from, date_to=date_to, speakers=None,
                        outlets=None, languages=None, search=None)
    if picked is None:
        return out
    source, conditions = picked
    conn = session.connection()
    for name in out:
        col = source.c[name]
        stmt = (select(col).where(*conditions, col.is_not(None)).group_by(col)
                .order_by(func.count().desc(), col).limit(limit))
        out[name] = sorted(str(v) for v in conn.execute(stmt).scalars())
    return out
