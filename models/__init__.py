"""Data model: SQLModel tables and the database engine. Imports nothing else of ours."""

from models.db import create_tables, database_url, make_engine, session_scope
from models.tables import (
    Article,
    Claim,
    Competition,
    Goal,
    Match,
    Mention,
    Person,
    Quote,
    Statement,
    Team,
    TeamAlias,
    Venue,
    core_table,
)
from models.vocabulary import DatePrecision, GoalKind, MatchStatus, Stage

__all__ = [
    "Article", "Claim", "Competition", "DatePrecision", "Goal", "GoalKind", "Match",
    "MatchStatus", "Mention", "Person", "Quote", "Stage", "Statement", "Team", "TeamAlias",
    "Venue", "core_table", "create_tables", "database_url", "make_engine", "session_scope",
]
