"""Articles from page to database: the extracted record, its JSON form, saving it in
one transaction (idempotent by content hash), the bundled seed records, and the
import function behind the app's upload page and the `article` command.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.articles import ParsedPage, content_hash, decode_page, parse_page, read_page_file
from ingest.directory import Fixture, NameDirectory
from ingest.quotes import MentionRecord, QuoteRecord, extract_quotes
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
    warnings: list[str] = field(default_factory=list)


def extract_record(text: str, *, directory: NameDirectory, reference_date: dt.date | None = None,
                   outlet: str | None = None, url: str | None = None,
                   source_file: str | None = None) -> ArticleRecord:
    """Page text -> record: metadata, main text and quotes. Never touches the database."""
    page = parse_page(text, reference_date=reference_date, outlet=outlet, url=url)
    quotes = extract_quotes(page.body, title=page.title, said_on=page.date.local_day, directory=directory)
    warnings = list(page.warnings)
    if not quotes:
        warnings.append("no quotation was found in the article")
    return _record(page, text, quotes, source_file, warnings)


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
    """The record as plain JSON values (documented in the README)."""
    out: dict[str, Any] = {
        "source_file": record.source_file, "content_hash": record.content_hash, "title": record.title,
        "author": record.author,
        "published_utc": record.published_utc.isoformat() if record.published_utc else None,
        "published_raw": record.published_raw, "date_precision": record.date_precision.value,
        "outlet": record.outlet, "language": record.language, "url": record.url,
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
        "mentions": [{"surface": m.surface, "person": m.person, "team": m.team} for m in quote.mentions],
    }


def _fixture_json(fixture: Fixture | None) -> dict[str, str] | None:
    if fixture is None:
        return None
    return {"key": fixture.key, "date": fixture.date.isoformat(), "home": fixture.home, "away": fixture.away}


def record_from_json(data: dict[str, Any]) -> ArticleRecord:
    published = data.get("published_utc")
    return ArticleRecord(
        content_hash=data["content_hash"], title=data["title"], author=data.get("author"),
        published_utc=dt.datetime.fromisoformat(published) if published else None,
        published_raw=data.get("published_raw"), date_precision=DatePrecision(data["date_precision"]),
        outlet=data.get("outlet"), language=data["language"], url=data.get("url"),
        source_file=data.get("source_file"), main_text=data.get("main_text") or "", body_lines=[],
        quotes=[_quote_from_json(q) for q in data.get("quotes", [])], warnings=data.get("warnings", []),
    )


def _quote_from_json(data: dict[str, Any]) -> QuoteRecord:
    match = data.get("match")
    return QuoteRecord(
        position=data["position"], line=data["line"], text=data["text"], speaker=data.get("speaker"),
        person=data.get("person"), question=data.get("question"),
        said_on=dt.date.fromisoformat(data["said_on"]) if data.get("said_on") else None,
        match=Fixture(match["key"], dt.date.fromisoformat(match["date"]), match["home"], match["away"])
        if match else None,
        mentions=[MentionRecord(m["surface"], m.get("person"), m.get("team")) for m in data.get("mentions", [])],
    )


# --- the name directory the bundle uses ------------------------------------------------------

BUNDLE_FILES = ("people.csv", "teams.csv", "team_aliases.csv", "matches.csv")


def bundle_directory(shared_dir: Path, data_dir: Path) -> NameDirectory:
    """People, clubs and fixtures from the bundle files in `data_dir` (what `build` loads);
    from the verified facts in `shared_dir` while the bundle does not exist yet."""
    if all((data_dir / name).exists() for name in BUNDLE_FILES):
        return NameDirectory.from_csv_dir(data_dir)
    return NameDirectory.from_csv_dir(shared_dir / "facts")
