"""Load the bundled `data/` files into the database in one transaction.

Every file is read and validated before anything is written, so a malformed
file leaves the database exactly as it was. Ids follow the files' row order,
so two builds from the same files give identical databases.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert
from sqlmodel import Session, SQLModel, select

from ingest.bundle import BUNDLE_COLUMNS
from ingest.csvio import read_rows
from ingest.errors import InputError
from ingest.names import normalise
from models import (
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
    create_tables,
    session_scope,
)
from models.vocabulary import GoalKind, MatchStatus, Stage

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# Children first, so deleting never trips a foreign key.
TABLES_IN_DELETE_ORDER: Sequence[type[SQLModel]] = (
    Claim, Mention, Quote, Article, Statement, Goal, Match, Person, Venue, TeamAlias, Team, Competition,
)

Rows = list[dict[str, Any]]


def read_bundle(data_dir: Path) -> dict[str, Rows]:
    return {name: read_rows(data_dir / name, columns) for name, columns in BUNDLE_COLUMNS.items()}


def build_database(engine: Engine, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Replace the database's content with the bundle's; return rows per table."""
    bundle = read_bundle(data_dir)
    rows = _to_table_rows(bundle, data_dir)
    create_tables(engine)
    with session_scope(engine) as session:
        for table in TABLES_IN_DELETE_ORDER:
            session.execute(delete(table))
        for table, table_rows in rows:
            if table_rows:
                session.execute(insert(table), table_rows)
        _load_articles(session, data_dir)
    return table_counts(engine)


def table_counts(engine: Engine) -> dict[str, int]:
    from sqlalchemy import func

    with Session(engine) as session:
        return {str(t.__tablename__): session.exec(select(func.count()).select_from(t)).one()
                for t in reversed(TABLES_IN_DELETE_ORDER)}


# --- conversion: bundle rows -> table rows, validated ----------------------------------------

class _Ids:
    """Name -> id maps built from the files, with a clear error for a dangling name."""

    def __init__(self, file: str, names: list[str]) -> None:
        self.file = file
        self.ids: dict[str, int | None] = {name: i for i, name in enumerate(names, start=1)}

    @classmethod
    def from_map(cls, file: str, ids: dict[str, int | None]) -> "_Ids":
        made = cls(file, [])
        made.ids = dict(ids)
        return made

    def __call__(self, name: str | None, file: str, line: int, *, optional: bool = False) -> int | None:
        """Id of `name`, referred to from `file` at `line`."""
        if not name:
            if optional:
                return None
            raise InputError(file, line, None, f"expected a name listed in {self.file}, found an empty field")
        if name not in self.ids:
            if optional:
                return None
            raise InputError(file, line, name, f"expected a name listed in {self.file}")
        return self.ids[name]


def _to_table_rows(b: dict[str, Rows], data_dir: Path) -> list[tuple[type[SQLModel], Rows]]:
    competitions = _Ids("competitions.csv", [r["code"] for r in b["competitions.csv"]])
    teams = _Ids("teams.csv", [r["name"] for r in b["teams.csv"]])
    venues = _Ids("venues.csv", [r["name"] for r in b["venues.csv"]])
    matches = _Ids("matches.csv", [r["key"] for r in b["matches.csv"]])
    people = _Ids("people.csv", [r["name"] for r in b["people.csv"]])
    return [
        (Competition, [{"id": i, **r} for i, r in enumerate(b["competitions.csv"], 1)]),
        (Team, [_team(i, r) for i, r in enumerate(b["teams.csv"], 1)]),
        (TeamAlias, _aliases(b["team_aliases.csv"], teams)),
        (Venue, [_venue(i, r) for i, r in enumerate(b["venues.csv"], 1)]),
        (Match, [_match(i, r, competitions, teams, venues) for i, r in enumerate(b["matches.csv"], 1)]),
        (Person, [_person(i, r, teams) for i, r in enumerate(b["people.csv"], 1)]),
        (Goal, [_goal(i, r, matches, teams, people) for i, r in enumerate(b["goals.csv"], 1)]),
        (Statement, [_statement(i, r, teams, matches, people) for i, r in enumerate(b["statements.csv"], 1)]),
    ]


def _opt(value: str) -> str | None:
    return value or None


def _num(value: str, cast: Callable[[str], Any], file: str, line: int) -> Any:
    if not value:
        return None
    try:
        return cast(value)
    except ValueError as exc:
        raise InputError(file, line, value, f"expected a {cast.__name__} ({exc})") from exc


def _date(value: str, file: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(file, line, value, "expected a date as YYYY-MM-DD") from exc


def _team(i: int, r: dict[str, str]) -> dict[str, Any]:
    line = i + 1
    return {"id": i, "name": r["name"], "full_name": _opt(r["full_name"]), "country": _opt(r["country"]),
            "city": _opt(r["city"]), "lat": _num(r["lat"], float, "teams.csv", line),
            "lon": _num(r["lon"], float, "teams.csv", line), "source": r["source"]}


def _aliases(rows: Rows, teams: _Ids) -> Rows:
    out: Rows = []
    seen: set[str] = set()
    for line, r in enumerate(rows, 2):
        key = normalise(r["alias"])
        if key in seen:  # two spellings that normalise alike: the first (sorted) wins
            continue
        seen.add(key)
        team_id = teams(r["team"], "team_aliases.csv", line)
        out.append({"id": len(out) + 1, "key": key, "alias": r["alias"], "team_id": team_id})
    return out


def _venue(i: int, r: dict[str, str]) -> dict[str, Any]:
    line = i + 1
    return {"id": i, "name": r["name"], "city": _opt(r["city"]), "country": _opt(r["country"]),
            "lat": _num(r["lat"], float, "venues.csv", line), "lon": _num(r["lon"], float, "venues.csv", line),
            "capacity": _num(r["capacity"], int, "venues.csv", line), "notes": _opt(r["notes"]),
            "source": r["source"]}


def _enum(enum: Any, value: str, file: str, line: int) -> Any:
    try:
        return enum(value)
    except ValueError as exc:
        allowed = ", ".join(e.value for e in enum)
        raise InputError(file, line, value, f"expected one of: {allowed}") from exc


def _utc(value: str, line: int) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    except ValueError as exc:
        raise InputError("matches.csv", line, value, "expected an ISO instant like 2025-09-18T19:00:00Z") from exc


def _match(i: int, r: dict[str, str], competitions: _Ids, teams: _Ids, venues: _Ids) -> dict[str, Any]:
    line, f = i + 1, "matches.csv"
    return {
        "id": i, "key": r["key"], "competition_id": competitions(r["competition"], f, line),
        "season": r["season"], "stage": _enum(Stage, r["stage"], f, line), "round": r["round"],
        "group": _opt(r["group"]), "leg": _num(r["leg"], int, f, line), "date": _date(r["date"], f, line),
        "kickoff_utc": _utc(r["kickoff_utc"], line), "kickoff_local": _opt(r["kickoff_local"]),
        "utc_offset": _opt(r["utc_offset"]),
        "home_team_id": teams(r["home"], f, line), "away_team_id": teams(r["away"], f, line),
        **{c: _num(r[c], int, f, line) for c in ("home_goals", "away_goals", "home_goals_ht",
                                                  "away_goals_ht", "home_pens", "away_pens", "attendance")},
        "extra_time": r["extra_time"] == "yes", "status": _enum(MatchStatus, r["status"], f, line),
        "venue_id": venues(r["venue"], f, line, optional=not r["venue"]), "referee": _opt(r["referee"]),
        "facts_id": _opt(r["facts_id"]), "notes": _opt(r["notes"]), "source": r["source"],
    }


def _person(i: int, r: dict[str, str], teams: _Ids) -> dict[str, Any]:
    return {"id": i, "name": r["name"], "aliases": r["aliases"],
            "team_id": teams(r["team"], "people.csv", i + 1, optional=True),
            **{c: _opt(r[c]) for c in ("role", "position", "nationality", "born", "notes", "confidence")},
            "source": r["source"]}


def _goal(i: int, r: dict[str, str], matches: _Ids, teams: _Ids, people: _Ids) -> dict[str, Any]:
    line, f = i + 1, "goals.csv"
    return {"id": i, "match_id": matches(r["match"], f, line), "team_id": teams(r["team"], f, line),
            "player": r["player"], "person_id": people.ids.get(r["player"]),
            "minute": _num(r["minute"], int, f, line), "stoppage": _num(r["stoppage"], int, f, line),
            "kind": _enum(GoalKind, r["kind"], f, line), "confidence": _opt(r["confidence"]),
            "notes": _opt(r["notes"]), "source": r["source"]}


def _statement(i: int, r: dict[str, str], teams: _Ids, matches: _Ids, people: _Ids) -> dict[str, Any]:
    line = i + 1
    return {"id": i, "said_on": _date(r["said_on"], "statements.csv", line), "speaker": r["speaker"],
            "person_id": people.ids.get(r["speaker"]),
            "team_id": teams(r["team"], "statements.csv", line, optional=True),
            "outlet": r["outlet"], "language": r["language"], "setting": _opt(r["setting"]),
            "paraphrase": r["paraphrase"], "match_id": matches(r["match"], "statements.csv", line, optional=True),
            "confidence": _opt(r["confidence"]), "source": r["source"]}


# --- articles and the claims that point at them ----------------------------------------------

def _load_articles(session: Session, data_dir: Path) -> None:
    """Articles come from the article pipeline's bundle; claims link to them by file name."""
    articles_file = data_dir / "articles.json"
    if articles_file.exists():
        from ingest.article_store import load_article_bundle

        load_article_bundle(session, articles_file)
    by_file = {a.source_file: a.id for a in session.exec(select(Article))}
    claims = read_rows(data_dir / "claims.csv", BUNDLE_COLUMNS["claims.csv"])
    for i, r in enumerate(claims, 1):
        session.add(Claim(
            id=i, claim_id=r["claim_id"], article_id=by_file.get(r["source"]), source=r["source"],
            source_date=_date(r["source_date"], "claims.csv", i + 1) if r["source_date"] else None,
            **{c: r[c] for c in ("claim", "subject", "attribute", "claimed_value", "verdict",
                                 "correct_value")},
            checkable_from=_opt(r["checkable_from"]), evidence=_opt(r["evidence"]),
        ))
