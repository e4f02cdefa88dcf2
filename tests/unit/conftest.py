"""Fixtures shared by the unit tests of the whole-table downloads."""

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from models import Article, Competition, Match, MatchStatus, Quote, Stage, Team, Venue, create_tables


@pytest.fixture
def tricky(fresh_engine: Engine) -> Iterator[Engine]:
    """Values that need quotes everywhere, in free text and in short columns, over several chunks."""
    create_tables(fresh_engine)
    names = ["Plain FC", 'The "Quoted" Club', "Comma, United", "Line\nBreak", "Ünïcödé ÿ Spørt", "Tab\tTown",
             " Spaced "]
    with Session(fresh_engine) as session:
        session.add(Competition(id=1, code="cl", name="Champions League"))
        for i, name in enumerate(names, 1):
            session.add(Team(id=i, name=name, source="test"))
        session.add(Venue(id=1, name="Arena, North", city='"Big" City', source="test"))
        session.add(Article(id=1, content_hash="h", title="An article, with a comma", language="it"))
        session.flush()  # the rows the matches and quotes refer to, first
        for i in range(1, 60):
            home, away = names[i % len(names)], names[(i + 1) % len(names)]
            notes = [None, "", "short", "with, comma", 'with "quotes"', "with\nnewline", "plain words"][i % 7]
            session.add(Match(
                id=i, key=f"cl/2025-26/MD{i}/{home}-{away}", competition_id=1, season="2025-26",
                stage=[Stage.LEAGUE, Stage.QUALIFYING, Stage.FINAL][i % 3], round=f"MD{i % 8 + 1}",
                group=None if i % 2 else "A", leg=None if i % 3 else 1, date=dt.date(2025, 9, 1) + dt.timedelta(days=i),
                kickoff_utc=None if i % 4 == 0 else dt.datetime(2025, 9, 1, 19, 0, i % 3 * 7, tzinfo=dt.UTC),
                kickoff_local="21:00", utc_offset="+02:00", home_team_id=i % len(names) + 1,
                away_team_id=(i + 1) % len(names) + 1, home_goals=None if i % 5 == 0 else i % 4,
                away_goals=None if i % 5 == 0 else 1, extra_time=i % 6 == 0,
                status=MatchStatus.PLAYED if i % 5 else MatchStatus.SCHEDULED, venue_id=1 if i % 2 else None,
                attendance=None if i % 3 else 1000 * i, referee="Ref, Name" if i == 17 else None, notes=notes,
                source=f"test, line {i}" if i % 10 == 0 else "test"))
            session.flush()
            text = "Free text, with commas" if i % 3 else 'He said "no"\nand left'
            text = "a carriage\rreturn" if i % 13 == 0 else text  # the csv module leaves it unquoted, as pandas did
            session.add(Quote(id=i, article_id=1, position=i, text=text if i % 11 else "plain", speaker=names[i % 7],
                              speaker_resolved=bool(i % 2), said_on=dt.date(2025, 9, 1) if i % 4 else None,
                              match_id=i if i % 2 else None, line=None if i % 3 else i))
        session.commit()
    yield fresh_engine


@pytest.fixture(autouse=True)
def validated_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every figure a unit test builds is checked against Plotly's schema (the app skips the check)."""
    from analytics import charts

    monkeypatch.setattr(charts, "VALIDATE", True)
