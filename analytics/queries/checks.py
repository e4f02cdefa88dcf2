"""Articles and the checked claims in them."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import (
    distinct,
    func,
    literal,
    or_,
    select,
)
from sqlmodel import Session

from analytics.queries.common import (
    read_frame,
)
from models import Article, Claim, Mention, Quote, Statement, core_table

# --- articles and claims -----------------------------------------------------------------------

ARTICLE_COLUMNS = ["article_id", "title", "outlet", "author", "published", "language", "url", "source_file",
                   "quotes", "claims", "claims_false"]
CLAIM_COLUMNS = ["claim_id", "article_id", "article_title", "source", "source_date", "claim", "subject",
                 "attribute", "claimed_value", "verdict", "correct_value", "checkable_from", "evidence"]


def _article_dates(a: Any, date_from: dt.date | None, date_to: dt.date | None) -> list[Any]:
    conditions: list[Any] = []
    if date_from is not None:
        start = dt.datetime.combine(date_from, dt.time(), tzinfo=dt.UTC)
        conditions.append(or_(a.published_utc.is_(None), a.published_utc >= start))
    if date_to is not None:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        conditions.append(or_(a.published_utc.is_(None), a.published_utc < end))
    return conditions


def _claim_dates(cl: Any, date_from: dt.date | None, date_to: dt.date | None) -> list[Any]:
    conditions: list[Any] = []
    if date_from is not None:
        conditions.append(or_(cl.source_date.is_(None), cl.source_date >= date_from))
    if date_to is not None:
        conditions.append(or_(cl.source_date.is_(None), cl.source_date <= date_to))
    return conditions


def articles(session: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
             limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Articles with their metadata and how many quotes and claims each holds, newest first.

    Articles without a publication date are always listed. `limit`/`offset` page through them.
    Columns: article_id, title, outlet, author, published (UTC datetime or None), language, url,
    source_file, quotes, claims, claims_false (claims whose verdict starts with 'false').
    """
    a = core_table(Article).c
    q = core_table(Quote).c
    cl = core_table(Claim).c
    quote_n = select(func.count()).where(q.article_id == a.id).scalar_subquery()
    claim_n = select(func.count()).where(cl.article_id == a.id).scalar_subquery()
    false_n = select(func.count()).where(cl.article_id == a.id, func.lower(cl.verdict).like("false%")) \
        .scalar_subquery()
    stmt = (select(a.id.label("article_id"), a.title, a.outlet, a.author, a.published_utc.label("published"),
                   a.language, a.url, a.source_file, quote_n.label("quotes"), claim_n.label("claims"),
                   false_n.label("claims_false"))
            .where(*_article_dates(a, date_from, date_to)).order_by(a.published_utc.desc(), a.id).offset(offset))
    if limit is not None:
        stmt = stmt.limit(limit)
    return read_frame(session, stmt, ARTICLE_COLUMNS)


def article_count(session: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None) -> int:
    """How many articles `articles` would list without a limit."""
    a = core_table(Article).c
    stmt = select(func.count()).select_from(core_table(Article)).where(*_article_dates(a, date_from, date_to))
    return int(session.connection().execute(stmt).scalar_one())


def claims(session: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
           article_ids: Sequence[int] | None = None, without_article: bool = False,
           limit: int | None = None) -> pd.DataFrame:
    """Checked claims (from the articles and from the press) with verdict and evidence.

    Claims without a date are always listed. `article_ids` keeps the claims of those articles;
    with `without_article=True`, the claims that no stored article holds are kept as well (or
    alone, when `article_ids` is empty). Columns: claim_id, article_id, article_title, source,
    source_date, claim, subject, attribute, claimed_value, verdict, correct_value, checkable_from,
    evidence. Ordered by source date, then claim id.
    """
    cl = core_table(Claim).c
    a = core_table(Article).c
    conditions = _claim_dates(cl, date_from, date_to)
    if article_ids is not None or without_article:
        which = []
        if article_ids:
            which.append(cl.article_id.in_(list(article_ids)))
        if without_article:
            which.append(cl.article_id.is_(None))
        conditions.append(or_(*which) if which else literal(False))
    stmt = (select(cl.claim_id, cl.article_id, a.title.label("article_title"), cl.source, cl.source_date,
                   cl.claim, cl.subject, cl.attribute, cl.claimed_value, cl.verdict, cl.correct_value,
                   cl.checkable_from, cl.evidence)
            .select_from(core_table(Claim)).outerjoin(a.id.table, a.id == cl.article_id)
            .where(*conditions).order_by(cl.source_date, cl.claim_id))
    if limit is not None:
        stmt = stmt.limit(limit)
    return read_frame(session, stmt, CLAIM_COLUMNS)


def verdict_group(verdict: str) -> str:
    """'true (with nuance)' -> 'true'; 'false' -> 'false'; anything else -> 'unverified'."""
    head = str(verdict).strip().lower()
    for group in ("false", "true", "partly", "misleading"):
        if head.startswith(group):
            return group
    return "unverified"


def claims_by_source(session: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                     top: int = 25) -> pd.DataFrame:
    """Claims counted per source and verdict (computed in SQL), for the `top` sources with most claims.

    Columns: source (article title, else the source as written), verdict, claims, sources (how
    many sources there are in all, before the cut to `top`).
    """
    cl = core_table(Claim).c
    a = core_table(Article).c
    conditions = _claim_dates(cl, date_from, date_to)
    source = func.coalesce(a.title, cl.source)
    ranked = (select(source.label("source")).select_from(core_table(Claim))
              .outerjoin(a.id.table, a.id == cl.article_id).where(*conditions)
              .group_by(source).order_by(func.count().desc(), source).limit(top))
    total = select(func.count(distinct(source))).select_from(core_table(Claim)) \
        .outerjoin(a.id.table, a.id == cl.article_id).where(*conditions).scalar_subquery()
    stmt = (select(source.label("source"), cl.verdict, func.count().label("claims"), total.label("sources"))
            .select_from(core_table(Claim)).outerjoin(a.id.table, a.id == cl.article_id)
            .where(*conditions, source.in_(ranked)).group_by(source, cl.verdict).order_by(source, cl.verdict))
    return read_frame(session, stmt, ["source", "verdict", "claims", "sources"])


def row_counts(session: Session) -> dict[str, int]:
    """Rows in the article-side tables: article, quote, mention, claim, statement."""
    conn = session.connection()
    out = {}
    for model in (Article, Quote, Mention, Claim, Statement):
        table = core_table(model)
        out[table.name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    return out
