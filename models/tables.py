"""SQLModel tables: the one place where the shape of the database is defined.

Conventions:
- instants are timezone-aware UTC datetimes (`*_utc` columns); the local
  kick-off and its UTC offset are kept beside them for display;
- every row keeps its `source` (file and line, or URLs) so the app can show
  where a fact comes from;
- lists of aliases are `|`-separated strings in the bundle files and live in
  their own lookup tables in the database.
"""

import datetime as dt
from typing import cast

from sqlalchemy import Table
from sqlmodel import Field, SQLModel

from models.vocabulary import DatePrecision, GoalKind, MatchStatus, Stage


class Competition(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, description="Short code, e.g. 'cl', 'clq', 'en.1'.")
    name: str


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, description="Canonical short name, e.g. 'Kairat'.")
    full_name: str | None = None
    country: str | None = Field(default=None, description="Three-letter code as used by openfootball.")
    city: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str = ""


class TeamAlias(SQLModel, table=True):
    """Every spelling of a club seen in a source, normalised for lookup."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, description="Normalised spelling (see ingest.names.normalise).")
    alias: str = Field(description="Spelling as written in the source.")
    team_id: int = Field(foreign_key="team.id", index=True)


class Venue(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    city: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    capacity: int | None = None
    notes: str | None = None
    source: str = ""


class Match(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, description="Stable id: competition/season/round/home-away.")
    competition_id: int = Field(foreign_key="competition.id", index=True)
    season: str = Field(index=True, description="e.g. '2025-26'.")
    stage: Stage = Field(index=True)
    round: str = Field(description="Q1..Q3, PO, MD1..MD8, R16, QF, SF, F ...")
    group: str | None = None
    leg: int | None = None
    date: dt.date = Field(index=True, description="Local calendar date of the match.")
    kickoff_utc: dt.datetime | None = Field(default=None, description="None when the time is unknown.")
    kickoff_local: str | None = Field(default=None, description="HH:MM at the venue.")
    utc_offset: str | None = Field(default=None, description="e.g. '+05:00'.")
    home_team_id: int = Field(foreign_key="team.id", index=True)
    away_team_id: int = Field(foreign_key="team.id", index=True)
    home_goals: int | None = None
    away_goals: int | None = None
    home_goals_ht: int | None = None
    away_goals_ht: int | None = None
    extra_time: bool = False
    home_pens: int | None = None
    away_pens: int | None = None
    status: MatchStatus = MatchStatus.PLAYED
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    attendance: int | None = None
    referee: str | None = None
    facts_id: str | None = Field(default=None, description="Id in the verified facts (Q1-1 ... MD8).")
    notes: str | None = None
    source: str = ""


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    aliases: str = Field(default="", description="'|'-separated other spellings.")
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    role: str | None = None
    position: str | None = None
    nationality: str | None = None
    born: str | None = None
    notes: str | None = None
    confidence: str | None = None
    source: str = ""


class Goal(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    match_id: int = Field(foreign_key="match.id", index=True)
    team_id: int = Field(foreign_key="team.id")
    player: str
    person_id: int | None = Field(default=None, foreign_key="person.id")
    minute: int
    stoppage: int | None = Field(default=None, description="Added minutes: 90+3 -> minute 90, stoppage 3.")
    kind: GoalKind = GoalKind.REGULAR
    confidence: str | None = None
    notes: str | None = None
    source: str = ""


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(unique=True, description="sha256 of the normalised text: same content, one article.")
    title: str
    author: str | None = None
    published_utc: dt.datetime | None = Field(default=None, index=True)
    published_raw: str | None = Field(default=None, description="The date as the page wrote it.")
    date_precision: DatePrecision = DatePrecision.NONE
    outlet: str | None = None
    language: str = "it"
    url: str | None = None
    source_file: str | None = None
    main_text: str | None = Field(default=None, description="Kept for user imports; None for bundled seeds.")


class Quote(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    position: int = Field(description="Order of the quote in its article.")
    text: str = Field(description="Verbatim words, without the quotation marks.")
    speaker: str | None = Field(default=None, description="Speaker as written in the article.")
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    speaker_resolved: bool = False
    question: str | None = None
    said_on: dt.date | None = Field(default=None, index=True)
    match_id: int | None = Field(default=None, foreign_key="match.id")
    line: int | None = Field(default=None, description="Line of the source file where the quote starts.")


class Mention(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    quote_id: int | None = Field(default=None, foreign_key="quote.id", index=True)
    surface: str = Field(description="The name as written.")
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)


class Claim(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    claim_id: str = Field(unique=True, description="Stable id, e.g. 'S002-08'.")
    article_id: int | None = Field(default=None, foreign_key="article.id", index=True)
    source: str
    source_date: dt.date | None = None
    claim: str
    subject: str
    attribute: str
    claimed_value: str
    verdict: str
    correct_value: str
    checkable_from: str | None = None
    evidence: str | None = None


class Statement(SQLModel, table=True):
    """A reported statement: a paraphrase, never shown inside quotation marks."""

    id: int | None = Field(default=None, primary_key=True)
    said_on: dt.date = Field(index=True)
    speaker: str
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    outlet: str
    language: str
    setting: str | None = None
    paraphrase: str
    match_id: int | None = Field(default=None, foreign_key="match.id")
    confidence: str | None = None
    source: str


def core_table(model: type[SQLModel]) -> Table:
    """The SQLAlchemy Core table behind a model, for queries that select columns rather than objects.

    SQLModel sets `__table__` when it creates a table class; type checkers cannot see it."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]
