"""A real SQLite database for the dashboard's tests: the bundled data/ loaded by the
project's own loader, plus a small, clearly labelled sample article with quotes and
mentions so the quote queries and pages have something to show whatever state the
article pipeline is in."""

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from ingest.load import DATA_DIR, build_database
from models import Article, Match, Mention, Person, Quote, Team, make_engine

SAMPLE_OUTLET = "Sample Gazette (test data)"
SAMPLE_TITLE = "Sample interview before Inter v Kairat (test data)"


def _one(session: Session, statement: object) -> int:
    return int(session.execute(statement).scalar_one())  # type: ignore[call-overload]


def add_sample_quotes(engine: Engine) -> dict[str, int]:
    """Insert one sample article with four quotes and their mentions; return their ids."""
    with Session(engine) as session:
        team = {name: _one(session, select(Team.id).where(Team.name == name)) for name in ("Kairat", "Inter")}
        person = {name: session.execute(select(Person.id).where(Person.name == name)).scalar_one_or_none()
                  for name in ("Egor Sorokin", "Rafael Urazbakhtin", "Lautaro Martínez")}
        md4 = _one(session, select(Match.id).where(Match.facts_id == "MD4"))
        next_id = _one(session, select(func.coalesce(func.max(Article.id), 0))) + 1
        article = Article(id=next_id, content_hash=f"sample-{next_id}", title=SAMPLE_TITLE, author="Test Author",
                          published_utc=dt.datetime(2025, 11, 4, 9, 0, tzinfo=dt.UTC), published_raw="4 Nov 2025",
                          outlet=SAMPLE_OUTLET, language="it", url="https://example.org/sample-interview",
                          source_file="sample_test_article.txt")
        session.add(article)
        session.flush()
        qid = _one(session, select(func.coalesce(func.max(Quote.id), 0)))
        rows = [
            ("Sample words: playing at San Siro is a dream come true.", "Egor Sorokin", "What does Inter mean to you?"),
            ("Sample words: we respect Lautaro and the whole Inter attack.", "Egor Sorokin", None),
            ("Sample words: the long trip to Milan will not change our plan.", "Rafael Urazbakhtin", None),
            ("Sample words from someone the article does not name.", None, None),
        ]
        ids = []
        for i, (text_, speaker, question) in enumerate(rows, 1):
            quote = Quote(id=qid + i, article_id=article.id, position=i, text=text_, speaker=speaker,
                          person_id=person.get(speaker) if speaker else None, speaker_resolved=speaker is not None,
                          question=question, said_on=dt.date(2025, 11, 4), match_id=md4, line=10 + i)
            session.add(quote)
            ids.append(qid + i)
        session.flush()
        mid = _one(session, select(func.coalesce(func.max(Mention.id), 0)))
        mentions = [(ids[0], "San Siro", None, None), (ids[0], "Inter", None, team["Inter"]),
                    (ids[1], "Lautaro", person["Lautaro Martínez"], None), (ids[1], "Inter", None, team["Inter"]),
                    (ids[2], "Milan", None, None)]
        for j, (quote_id, surface, person_id, team_id) in enumerate(mentions, 1):
            session.add(Mention(id=mid + j, article_id=article.id, quote_id=quote_id, surface=surface,
                                person_id=person_id, team_id=team_id))
        session.add(Mention(id=mid + len(mentions) + 1, article_id=article.id, quote_id=None, surface="Kairat",
                            team_id=team["Kairat"]))
        session.commit()
        return {"article": int(article.id or 0), "first_quote": ids[0], "quotes": len(ids)}


def build_dashboard_db(path: Path, *, sample_quotes: bool = True) -> Engine:
    """The bundled data in a fresh SQLite file at `path` (plus the sample article)."""
    engine = make_engine(f"sqlite:///{path}")
    build_database(engine, DATA_DIR)
    if sample_quotes:
        add_sample_quotes(engine)
    return engine
