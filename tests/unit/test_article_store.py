"""Saving articles: one transaction, idempotent, clear errors; the bundled seed records."""

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from ingest import article_store
from ingest.article_store import (
    bundle_articles,
    extract_record,
    import_article_bytes,
    import_article_file,
    load_article_bundle,
    record_from_json,
    record_to_json,
)
from ingest.directory import NameDirectory
from ingest.errors import InputError
from ingest.load import DATA_DIR
from models import Article, Claim, Competition, Match, Mention, Person, Quote, Team, create_tables, make_engine
from models.vocabulary import DatePrecision, Stage
from tests.conftest import require_shared

PAGE = """Menu | Notizie | Calcio
Sorokin: «Un sogno giocare a San Siro»
di Paolo Merighi
4 novembre 2025 alle 10:00

Domani il Kairat sfida l'Inter a San Siro e Egor Sorokin si è raccontato così ai nostri microfoni.

«Abbiamo lavorato bene per tutta la settimana, Lautaro e Thuram sono pericolosi ma siamo pronti», ha detto Sorokin.

Il Kairat arriva alla sfida dopo aver vinto il campionato kazako.
"""
NO_QUOTES = "Kairat, allenamento a porte chiuse\n\nLa squadra si è allenata oggi al centro sportivo per due ore."


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A real SQLite file with the people, clubs and the match the page names."""
    engine = make_engine(f"sqlite:///{tmp_path}/t.db")
    create_tables(engine)
    with Session(engine) as session:
        kairat, inter = Team(name="Kairat"), Team(name="Inter")
        session.add_all([kairat, inter, Competition(code="cl", name="Champions League")])
        session.flush()
        assert kairat.id is not None and inter.id is not None
        session.add_all([
            Person(name="Egor Sorokin", aliases="Sorokin", team_id=kairat.id, role="player"),
            Person(name="Lautaro Martínez", aliases="Lautaro", team_id=inter.id, role="player"),
            Person(name="Marcus Thuram", aliases="Thuram", team_id=inter.id, role="player"),
            Match(key="cl/2025-26/MD4/inter-v-kairat", competition_id=1, season="2025-26", stage=Stage.LEAGUE,
                  round="MD4", date=dt.date(2025, 11, 5), home_team_id=inter.id, away_team_id=kairat.id),
        ])
        session.commit()
    yield engine
    engine.dispose()


def count(engine: Engine, table: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_an_import_saves_article_quotes_and_mentions_linked_to_the_database(engine: Engine) -> None:
    result = import_article_bytes(engine, PAGE.encode(), "sorokin.txt")
    assert result.created and result.warnings == []
    with Session(engine) as session:
        article = session.get(Article, result.article_id)
        assert article is not None and article.source_file == "sorokin.txt"
        assert article.published_utc == dt.datetime(2025, 11, 4, 9, 0, tzinfo=dt.UTC)
        assert article.date_precision is DatePrecision.MINUTE and article.main_text
        quote = session.exec(select(Quote)).one()
        sorokin = session.exec(select(Person).where(Person.name == "Egor Sorokin")).one()
        assert quote.person_id == sorokin.id and quote.speaker_resolved and quote.line == 8
        assert quote.said_on == dt.date(2025, 11, 4)
        match = session.get(Match, quote.match_id)
        assert match is not None and match.key == "cl/2025-26/MD4/inter-v-kairat"
        in_quote = session.exec(select(Mention).where(Mention.quote_id == quote.id)).all()
        assert {m.surface for m in in_quote} == {"Lautaro", "Thuram"}
        assert all(m.person_id for m in in_quote)


def test_the_same_content_twice_is_one_article(engine: Engine, tmp_path: Path) -> None:
    first = import_article_bytes(engine, PAGE.encode(), "a.txt")
    again = import_article_bytes(engine, PAGE.replace("\n", "\r\n").encode("cp1252"), "b.txt")
    assert first.created and not again.created and again.article_id == first.article_id
    assert any("already imported" in w for w in again.warnings)
    assert (count(engine, Article), count(engine, Quote)) == (1, 1)


def test_an_article_without_quotes_or_date_is_imported_with_warnings(engine: Engine) -> None:
    result = import_article_bytes(engine, NO_QUOTES.encode(), "plain.txt")
    assert result.created
    assert any("no quotation" in w for w in result.warnings)
    assert any("no publication date" in w for w in result.warnings)
    with Session(engine) as session:
        article = session.get(Article, result.article_id)
        assert article is not None and article.date_precision is DatePrecision.NONE


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary"),
])
def test_bad_input_is_a_clear_error_and_writes_nothing(engine: Engine, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        import_article_bytes(engine, data, "bad.txt")
    assert count(engine, Article) == 0


def test_a_page_far_longer_than_an_article_is_refused(engine: Engine) -> None:
    dump = ("Un paragrafo di testo che sembra un articolo, con parole e frasi complete. " * 10 + "\n") * 600
    with pytest.raises(InputError, match="one article is under"):
        import_article_bytes(engine, dump.encode(), "dump.txt")
    assert count(engine, Article) == 0


def test_a_missing_file_is_a_clear_error(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="none is there"):
        import_article_file(engine, tmp_path / "missing.txt")


def test_a_failure_while_saving_leaves_no_partial_article(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(article_store, "_add_mentions", broken)
    with pytest.raises(RuntimeError):
        import_article_bytes(engine, PAGE.encode(), "a.txt")
    assert (count(engine, Article), count(engine, Quote), count(engine, Mention)) == (0, 0, 0)


def test_a_file_import_reads_windows_1252_with_a_warning(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(PAGE.encode("cp1252"))
    result = import_article_file(engine, path, reference_date=dt.date(2025, 11, 4), outlet="TMW")
    assert result.created and "Windows-1252" in result.warnings[0]
    assert result.record.outlet == "TMW" and result.record.quotes[0].text.startswith("Abbiamo lavorato")


def test_records_survive_json() -> None:
    directory = NameDirectory.from_rows(
        people=[{"name": "Egor Sorokin", "aliases": "Sorokin", "team": "Kairat"}],
        teams=[{"name": "Kairat"}, {"name": "Inter"}],
        fixtures=[{"key": "MD4", "date": "2025-11-05", "home": "Inter", "away": "Kairat"}])
    record = extract_record(PAGE, directory=directory, source_file="p.txt")
    data = record_to_json(record)
    assert json.loads(json.dumps(data)) == data
    back = record_from_json(data)
    assert record_to_json(back) == data
    assert "main_text" not in record_to_json(record, with_text=False)


def test_the_command_prints_the_record_as_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from ingest.__main__ import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/cli.db")
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert main(["article", str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["title"] == "Sorokin: «Un sogno giocare a San Siro»"
    quote = printed["quotes"][0]  # an empty database knows nobody: kept as written, in full, unresolved
    assert (quote["speaker"], quote["person"], quote["speaker_resolved"]) == ("Egor Sorokin", None, False)
    assert printed["quotes"][0]["said_on"] == "2025-11-04"
    assert main(["article", str(tmp_path / "nothing.txt")]) == 2


# --- the bundled seed records -----------------------------------------------------------------

def test_bundled_articles_equal_a_fresh_extraction_from_the_seeds(tmp_path: Path) -> None:
    shared = require_shared("seeds").parent
    for name in ("people.csv", "teams.csv", "team_aliases.csv", "matches.csv", "article_sources.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    bundle_articles(shared, tmp_path)
    fresh = (tmp_path / "articles.json").read_text(encoding="utf-8")
    assert fresh == (DATA_DIR / "articles.json").read_text(encoding="utf-8"), \
        "data/articles.json differs from what `python -m ingest bundle` makes"


def test_the_bundle_holds_records_not_article_text() -> None:
    payload = json.loads((DATA_DIR / "articles.json").read_text(encoding="utf-8"))
    assert [a["source_file"] for a in payload["articles"]] == [
        "000_f691354fcaac82ad.txt", "001_7b0304523e0b32d8.txt", "002_58a2cb25fb402d89.txt"]
    assert all("main_text" not in a for a in payload["articles"])
    seed = require_shared("seeds", "000_f691354fcaac82ad.txt").read_text(encoding="utf-8")
    narration = seed.splitlines()[15]  # the lead paragraph: article text, not a quote
    assert narration[:60] not in json.dumps(payload, ensure_ascii=False)


def test_build_loads_the_seed_records_and_links_their_claims(bundled_engine: Engine) -> None:
    with Session(bundled_engine) as session:
        articles = {a.source_file: a for a in session.exec(select(Article))}
        assert set(articles) == {"000_f691354fcaac82ad.txt", "001_7b0304523e0b32d8.txt",
                                 "002_58a2cb25fb402d89.txt"}
        quotes = session.exec(select(Quote)).all()
        assert len(quotes) == 9 and all(q.speaker_resolved for q in quotes)
        match = session.get(Match, quotes[0].match_id)
        assert match is not None and match.facts_id == "MD4"
        claims = session.exec(select(Claim).where(Claim.source == "002_58a2cb25fb402d89.txt")).all()
        assert claims and all(c.article_id == articles["002_58a2cb25fb402d89.txt"].id for c in claims)


def test_loading_a_damaged_bundle_is_a_clear_error(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text('{"articles": [{"title": "no hash"}]}', encoding="utf-8")
    with Session(engine) as session, pytest.raises(InputError, match="article records"):
        load_article_bundle(session, path)


def test_the_directory_reads_the_database(engine: Engine) -> None:
    with Session(engine) as session:
        directory = NameDirectory.from_session(session)
    hits = directory.scan("Lautaro e l'Inter contro il Kairat")
    assert [(h.kind, h.name) for h in hits] == [("person", "Lautaro Martínez"), ("team", "Inter"),
                                                ("team", "Kairat")]
    assert [f.key for f in directory.fixtures_of("Kairat")] == ["cl/2025-26/MD4/inter-v-kairat"]
