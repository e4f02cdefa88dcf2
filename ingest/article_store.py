"""Articles from page to database.

    extract_record(text, directory=...)        page text -> ArticleRecord (no database)
    import_article_bytes(engine, data, name)   the app's upload page: decode, extract, save
    import_article_file(engine, path)          the `article` command: the same for a file
    save_record(session, record)               one record into the database, idempotent
    bundle_articles(shared_dir, data_dir)      data/articles.json from the seed pages
    load_article_bundle(session, path)         data/articles.json into the database (`build`)

A record is saved inside one transaction: the article, its quotes and their
mentions all go in, or nothing does. The same content twice (whatever its
encoding or line ends) is one article: the second import finds the first by
its content hash and writes nothing.
"""

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from ingest.articles import (
    MAX_ARTICLE_CHARS,
    ParsedPage,
    content_hash,
    decode_page,
    parse_page,
    read_page_file,
)
from ingest.directory import Fixture, NameDirectory
from ingest.errors import InputError
from ingest.quotes import MentionRecord, QuoteRecord, article_mentions, extract_quotes
from models import Article, Match, Mention, Person, Quote, Team, create_tables, session_scope
from models.vocabulary import DatePrecision


@dataclass
class ArticleRecord:
    """Everything extracted from one page. `main_text` is kept for user imports only."""

    content_hash: str
    title: str
    author: str | None
    published_utc: dt.datetime | None
    published_raw: str | None
    date_precision: DatePrecision
    outlet: str | None
    language: str
    url: str | None
    source_file: str | None
    main_text: str
    body_lines: list[int]
    quotes: list[QuoteRecord] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)  # named by the article itself, not in quotes
    warnings: list[str] = field(default_factory=list)


def extract_record(text: str, *, directory: NameDirectory, reference_date: dt.date | None = None,
                   outlet: str | None = None, url: str | None = None,
                   source_file: str | None = None) -> ArticleRecord:
    """Page text -> record: metadata, main text and quotes. Never touches the database."""
    page = parse_page(text, reference_date=reference_date, outlet=outlet, url=url)
    if len(page.main_text) > MAX_ARTICLE_CHARS:
        raise InputError(source_file or "the page", None, None,
                         f"the text recognised as the article is {len(page.main_text):,} characters long; "
                         f"one article is under {MAX_ARTICLE_CHARS:,} — import the articles one page at a time")
    quotes = extract_quotes(page.body, title=page.title, said_on=page.date.local_day, directory=directory)
    warnings = list(page.warnings)
    if not quotes:
        warnings.append("no quotation was found in the article; it is imported without quotes")
    record = _record(page, text, quotes, source_file, warnings)
    record.mentions = article_mentions(page.body, title=page.title, directory=directory)
    return record


def _record(page: ParsedPage, text: str, quotes: list[QuoteRecord], source_file: str | None,
            warnings: list[str]) -> ArticleRecord:
    return ArticleRecord(
        content_hash=content_hash(text), title=page.title, author=page.author,
        published_utc=page.date.utc, published_raw=page.date.raw, date_precision=page.date.precision,
        outlet=page.outlet, language=page.language, url=page.url, source_file=source_file,
        main_text=page.main_text, body_lines=[line.no for line in page.body], quotes=quotes,
        warnings=warnings,
    )


def extract_file(path: Path, *, directory: NameDirectory, reference_date: dt.date | None = None,
                 outlet: str | None = None, url: str | None = None) -> ArticleRecord:
    text, warnings = read_page_file(path)
    record = extract_record(text, directory=directory, reference_date=reference_date, outlet=outlet,
                            url=url, source_file=path.name)
    record.warnings[:0] = warnings
    return record


def extract_bytes(data: bytes, name: str, *, directory: NameDirectory, reference_date: dt.date | None = None,
                  outlet: str | None = None, url: str | None = None) -> ArticleRecord:
    text, warnings = decode_page(data, name)
    record = extract_record(text, directory=directory, reference_date=reference_date, outlet=outlet,
                            url=url, source_file=name)
    record.warnings[:0] = warnings
    return record


# --- JSON ------------------------------------------------------------------------------------


def record_to_json(record: ArticleRecord, *, with_text: bool = True) -> dict[str, Any]:
    """The record as plain JSON values (what `python -m ingest article FILE --json` prints).

    source_file, content_hash (sha256 of the normalised page), title, author (or null),
    published_utc (ISO instant in UTC, or null), published_raw (the date as the page wrote
    it), date_precision ('minute' | 'day' | 'none'), outlet, language ('it' | 'en'), url,
    mentions (people and clubs the article names outside quotes), quotes, and with
    `with_text` also main_text and warnings. Each quote: position, line (in the file),
    text (verbatim, without quotation marks), speaker (as written, or null), person (the
    database's person, or null when unresolved), speaker_resolved, question (Q&A answers),
    said_on (YYYY-MM-DD or null), match ({key, date, home, away} or null), mentions. A
    mention: surface (as written), person or team.
    """
    out: dict[str, Any] = {
        "source_file": record.source_file, "content_hash": record.content_hash, "title": record.title,
        "author": record.author,
        "published_utc": record.published_utc.isoformat() if record.published_utc else None,
        "published_raw": record.published_raw, "date_precision": record.date_precision.value,
        "outlet": record.outlet, "language": record.language, "url": record.url,
        "mentions": [_mention_json(m) for m in record.mentions],
        "quotes": [_quote_json(q) for q in record.quotes],
    }
    if with_text:
        out["main_text"] = record.main_text
        out["warnings"] = record.warnings
    return out


def _quote_json(quote: QuoteRecord) -> dict[str, Any]:
    return {
        "position": quote.position, "line": quote.line, "text": quote.text, "speaker": quote.speaker,
        "person": quote.person, "speaker_resolved": quote.speaker_resolved, "question": quote.question,
        "said_on": quote.said_on.isoformat() if quote.said_on else None,
        "match": _fixture_json(quote.match),
        "mentions": [_mention_json(m) for m in quote.mentions],
    }


def _mention_json(mention: MentionRecord) -> dict[str, str | None]:
    return {"surface": mention.surface, "person": mention.person, "team": mention.team}


def _fixture_json(fixture: Fixture | None) -> dict[str, str] | None:
    if fixture is None:
        return None
    return {"key": fixture.key, "date": fixture.date.isoformat(), "home": fixture.home, "away": fixture.away}


def record_from_json(data: dict[str, Any]) -> ArticleRecord:
    published = data.get("published_utc")
    return ArticleRecord(
        content_hash=data["content_hash"], title=data["title"], author=data.get("author"),
        published_utc=dt.datetime.fromisoformat(published).astimezone(dt.UTC) if published else None,
        published_raw=data.get("published_raw"), date_precision=DatePrecision(data["date_precision"]),
        outlet=data.get("outlet"), language=data["language"], url=data.get("url"),
        source_file=data.get("source_file"), main_text=data.get("main_text") or "", body_lines=[],
        quotes=[_quote_from_json(q) for q in data.get("quotes", [])],
        mentions=[_mention_from_json(m) for m in data.get("mentions", [])], warnings=data.get("warnings", []),
    )


def _mention_from_json(data: dict[str, Any]) -> MentionRecord:
    return MentionRecord(data["surface"], data.get("person"), data.get("team"))


def _quote_from_json(data: dict[str, Any]) -> QuoteRecord:
    match = data.get("match")
    return QuoteRecord(
        position=data["position"], line=data["line"], text=data["text"], speaker=data.get("speaker"),
        person=data.get("person"), question=data.get("question"),
        said_on=dt.date.fromisoformat(data["said_on"]) if data.get("said_on") else None,
        match=Fixture(match["key"], dt.date.fromisoformat(match["date"]), match["home"], match["away"])
        if match else None,
        mentions=[_mention_from_json(m) for m in data.get("mentions", [])],
    )


# --- the name directory the bundle uses ------------------------------------------------------

BUNDLE_FILES = ("people.csv", "teams.csv", "team_aliases.csv", "matches.csv")


def bundle_directory(shared_dir: Path, data_dir: Path) -> NameDirectory:
    """People, clubs and fixtures from the bundle files in `data_dir` (what `build` loads);
    from the verified facts in `shared_dir` while the bundle does not exist yet."""
    if all((data_dir / name).exists() for name in BUNDLE_FILES):
        return NameDirectory.from_csv_dir(data_dir)
    return NameDirectory.from_csv_dir(shared_dir / "facts")


# --- saving ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    record: ArticleRecord
    created: bool  # False when the same content was already in the database
    article_id: int
    warnings: list[str]


def save_record(session: Session, record: ArticleRecord, *, keep_text: bool = True) -> tuple[int, bool]:
    """Add the article, its quotes and their mentions; return (article id, created). The
    caller's transaction makes it all or nothing. Names the database does not know are
    kept as written, unlinked."""
    existing = session.exec(select(Article).where(Article.content_hash == record.content_hash)).first()
    if existing is not None and existing.id is not None:
        return existing.id, False
    ids = _Ids(session, record)
    article = Article(
        content_hash=record.content_hash, title=record.title, author=record.author,
        published_utc=record.published_utc, published_raw=record.published_raw,
        date_precision=record.date_precision, outlet=record.outlet, language=record.language, url=record.url,
        source_file=record.source_file, main_text=record.main_text if keep_text else None,
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    _add_mentions(session, article.id, None, record.mentions, ids)
    for quote in record.quotes:
        _add_quote(session, article.id, quote, ids)
    return article.id, True


def _add_quote(session: Session, article_id: int, quote: QuoteRecord, ids: "_Ids") -> None:
    person_id = ids.people.get(quote.person or "")
    row = Quote(
        article_id=article_id, position=quote.position, text=quote.text, speaker=quote.speaker,
        person_id=person_id, speaker_resolved=person_id is not None, question=quote.question,
        said_on=quote.said_on, match_id=ids.match(quote.match), line=quote.line,
    )
    session.add(row)
    session.flush()
    _add_mentions(session, article_id, row.id, quote.mentions, ids)


def _add_mentions(session: Session, article_id: int, quote_id: int | None, mentions: list[MentionRecord],
                  ids: "_Ids") -> None:
    for mention in mentions:
        session.add(Mention(article_id=article_id, quote_id=quote_id, surface=mention.surface,
                            person_id=ids.people.get(mention.person or ""),
                            team_id=ids.teams.get(mention.team or "")))


class _Ids:
    """Database ids of the people, clubs and matches a record names."""

    def __init__(self, session: Session, record: ArticleRecord) -> None:
        mentions = record.mentions + [m for q in record.quotes for m in q.mentions]
        people = {q.person for q in record.quotes} | {m.person for m in mentions}
        teams = {m.team for m in mentions}
        teams |= {side for q in record.quotes if q.match for side in (q.match.home, q.match.away)}
        person_name, team_name = Person.name, Team.name
        self.people = {p.name: p.id for p in session.exec(
            select(Person).where(person_name.in_(sorted(n for n in people if n))))}  # type: ignore[attr-defined]
        self.teams = {t.name: t.id for t in session.exec(
            select(Team).where(team_name.in_(sorted(n for n in teams if n))))}  # type: ignore[attr-defined]
        self.session = session

    def match(self, fixture: Fixture | None) -> int | None:
        """By key, else by day and clubs (keys differ between sources; the fixture does not)."""
        if fixture is None:
            return None
        found = self.session.exec(select(Match).where(Match.key == fixture.key)).first()
        if found is None:
            home, away = self.teams.get(fixture.home), self.teams.get(fixture.away)
            found = self.session.exec(select(Match).where(
                Match.date == fixture.date, Match.home_team_id == home, Match.away_team_id == away)).first()
        return found.id if found else None


# --- imports: the app's upload page and the command line --------------------------------------


def import_article_bytes(engine: Engine, data: bytes, name: str, *, reference_date: dt.date | None = None,
                         outlet: str | None = None, url: str | None = None) -> ImportResult:
    """Import an uploaded page. Bad input (empty, binary, over 5 MB) raises InputError with a
    sentence for the user; an encoding guess, a missing date or no quotes are warnings and
    the article is imported. Nothing is written unless everything is."""
    create_tables(engine)
    with Session(engine) as session:
        directory = NameDirectory.from_session(session)
    record = extract_bytes(data, name, directory=directory, reference_date=reference_date, outlet=outlet,
                           url=url)
    return _save(engine, record)


def import_article_file(engine: Engine, path: Path, *, reference_date: dt.date | None = None,
                        outlet: str | None = None, url: str | None = None) -> ImportResult:
    """The same for a file; its size is checked before it is read."""
    if not path.is_file():
        raise InputError(str(path), None, None, "expected an article page saved as a text file; none is there")
    create_tables(engine)
    with Session(engine) as session:
        directory = NameDirectory.from_session(session)
    record = extract_file(path, directory=directory, reference_date=reference_date, outlet=outlet, url=url)
    return _save(engine, record)


def _save(engine: Engine, record: ArticleRecord) -> ImportResult:
    with session_scope(engine) as session:
        article_id, created = save_record(session, record, keep_text=True)
    warnings = list(record.warnings)
    if not created:
        warnings.append("this article was already imported; nothing was changed")
    return ImportResult(record=record, created=created, article_id=article_id, warnings=warnings)


# --- the bundled seed records -----------------------------------------------------------------

SOURCES_FILE = "article_sources.csv"
ARTICLES_FILE = "articles.json"


def bundle_articles(shared_dir: Path, data_dir: Path) -> None:
    """Regenerate data/articles.json from the seed pages listed in data/article_sources.csv:
    the records only (metadata, quotes, questions, speakers, mentions, lines), never the text.
    The same inputs give the same bytes."""
    directory = bundle_directory(shared_dir, data_dir)
    articles = []
    for source in read_sources(data_dir / SOURCES_FILE):
        record = extract_file(shared_dir / "seeds" / source["file"], directory=directory,
                              reference_date=dt.date.fromisoformat(source["reference_date"])
                              if source["reference_date"] else None,
                              outlet=source["outlet"] or None, url=source["url"] or None)
        articles.append(record_to_json(record, with_text=False))
    payload = {"about": "Records extracted from the seed articles by `python -m ingest bundle`; "
                        "the article text itself is not included.", "articles": articles}
    (data_dir / ARTICLES_FILE).write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")


def read_sources(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_article_bundle(session: Session, path: Path) -> int:
    """Add the bundled article records (inside the caller's transaction); returns how many."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        records = [record_from_json(a) for a in payload["articles"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), None, None, f"expected the article records written by "
                         f"`python -m ingest bundle` ({exc})") from exc
    for record in records:
        save_record(session, record, keep_text=False)
    return len(records)
