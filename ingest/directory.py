"""Who and what an article can name: people, clubs and fixtures, looked up by
any of their spellings.

One interface, three sources: the database (`NameDirectory.from_session`), the
bundle's CSV files or the verified facts (`from_csv_dir`), and plain rows
(`from_rows`, for tests and fictional gold pages). Spellings meet through
`ingest.names.normalise`, so 'Çalhanoğlu' finds 'Calhanoglu' and 'l'Inter'
finds 'Inter'. A spelling shared by two people is ambiguous and resolves to
nobody: the pipeline never guesses.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.csvio import read_rows
from ingest.names import normalise

_WORD = re.compile(r"[^\W_]+")
_word_key = lru_cache(maxsize=1 << 16)(normalise)  # one word's key; words repeat a lot


@dataclass(frozen=True)
class PersonEntry:
    name: str
    aliases: tuple[str, ...] = ()
    team: str | None = None
    role: str = ""  # role and position together, lower case: 'head coach', 'player defender'


@dataclass(frozen=True)
class TeamEntry:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fixture:
    key: str
    date: dt.date
    home: str
    away: str

    @property
    def label(self) -> str:
        return f"{self.date.isoformat()} {self.home} v {self.away}"


@dataclass(frozen=True)
class Hit:
    """A name found in a text: `name` is the canonical person or club, None when ambiguous."""

    start: int
    end: int
    surface: str
    kind: str  # 'person' or 'team'
    name: str | None


@dataclass
class _Target:
    kind: str
    name: str
    capitalised: bool  # the spelling starts with a capital: the text must too


@dataclass
class NameDirectory:
    people: list[PersonEntry] = field(default_factory=list)
    teams: list[TeamEntry] = field(default_factory=list)
    fixtures: list[Fixture] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index: dict[str, list[_Target]] = {}
        self._people = {p.name: p for p in self.people}
        for person in self.people:
            for spelling in (person.name, *person.aliases):
                self._add(spelling, "person", person.name)
        for team in self.teams:
            for spelling in (team.name, *team.aliases):
                self._add(spelling, "team", team.name)
        self._longest = max((len(k.split()) for k in self._index), default=1)
        self._first_words = {k.split()[0] for k in self._index}
        self._by_team: dict[str, list[Fixture]] = {}
        for fixture in sorted(self.fixtures, key=lambda f: (f.date, f.key)):
            for side in (fixture.home, fixture.away):
                self._by_team.setdefault(side, []).append(fixture)

    def _add(self, spelling: str, kind: str, name: str) -> None:
        key = normalise(spelling)
        if not key:
            return
        targets = self._index.setdefault(key, [])
        if not any(t.kind == kind and t.name == name for t in targets):
            targets.append(_Target(kind, name, spelling[:1].isupper()))

    # --- constructors ------------------------------------------------------------------

    @classmethod
    def from_rows(cls, people: Iterable[Mapping[str, Any]] = (), teams: Iterable[Mapping[str, Any]] = (),
                  team_aliases: Iterable[Mapping[str, Any]] = (),
                  fixtures: Iterable[Mapping[str, Any]] = ()) -> "NameDirectory":
        """Rows as dicts. People: name (or person), aliases ('|'-separated), team, role,
        position. Teams: name (or team), aliases. Team aliases: alias, team. Fixtures:
        key (or match_id), date, home, away."""
        extra: dict[str, list[str]] = {}
        for row in team_aliases:
            extra.setdefault(row["team"], []).append(row["alias"])
        return cls(
            people=[_person(r) for r in people],
            teams=[_team(r, extra) for r in teams],
            fixtures=[_fixture(r) for r in fixtures],
        )

    @classmethod
    def from_csv_dir(cls, folder: Path) -> "NameDirectory":
        """The bundle's `data/` files, or the verified facts folder (`../shared/facts`)."""
        if (folder / "kairat_matches.csv").exists():  # the facts layout
            return cls.from_rows(
                people=read_rows(folder / "people.csv", ["person", "aliases", "team"]),
                teams=read_rows(folder / "teams.csv", ["team", "aliases"]),
                fixtures=read_rows(folder / "kairat_matches.csv", ["match_id", "date", "home", "away"]),
            )
        return cls.from_rows(
            people=read_rows(folder / "people.csv", ["name", "aliases", "team"]),
            teams=read_rows(folder / "teams.csv", ["name"]),
            team_aliases=read_rows(folder / "team_aliases.csv", ["alias", "team"]),
            fixtures=read_rows(folder / "matches.csv", ["key", "date", "home", "away"]),
        )

    @classmethod
    def from_session(cls, session: Any) -> "NameDirectory":
        """Everything the database knows: people, clubs with every alias, matches."""
        from sqlmodel import select

        from models import Match, Person, Team, TeamAlias

        teams = {t.id: t.name for t in session.exec(select(Team))}
        aliases = [{"alias": a.alias, "team": teams[a.team_id]} for a in session.exec(select(TeamAlias))]
        people = [{"name": p.name, "aliases": p.aliases, "team": teams.get(p.team_id), "role": p.role,
                   "position": p.position} for p in session.exec(select(Person))]
        fixtures = [{"key": m.key, "date": m.date, "home": teams[m.home_team_id], "away": teams[m.away_team_id]}
                    for m in session.exec(select(Match))]
        return cls.from_rows(people=people, teams=[{"name": n} for n in teams.values()],
                             team_aliases=aliases, fixtures=fixtures)

    # --- lookups -----------------------------------------------------------------------

    def scan(self, text: str) -> list[Hit]:
        """Every person and club named in `text`, longest spelling first, left to right."""
        words = [(m.start(), m.end(), _word_key(m.group())) for m in _WORD.finditer(text)]
        hits: list[Hit] = []
        i = 0
        while i < len(words):
            hit = self._hit_at(text, words, i) if words[i][2] in self._first_words else None
            if hit is None:
                i += 1
                continue
            hits.append(hit[0])
            i += hit[1]
        return hits

    def _hit_at(self, text: str, words: list[tuple[int, int, str]], i: int) -> tuple[Hit, int] | None:
        for n in range(min(self._longest, len(words) - i), 0, -1):
            key = " ".join(w[2] for w in words[i:i + n])
            targets = self._index.get(key)
            if not targets:
                continue
            start, end = words[i][0], words[i + n - 1][1]
            capital = text[start].isupper()
            fitting = [t for t in targets if capital or not t.capitalised]
            if not fitting:
                continue
            kinds = {t.kind for t in fitting}
            kind = "person" if kinds == {"person"} else "team"
            same_kind = [t for t in fitting if t.kind == kind]
            name = same_kind[0].name if len(same_kind) == 1 else None
            return Hit(start, end, text[start:end], kind, name), n
        return None

    def person(self, name: str | None) -> PersonEntry | None:
        return self._people.get(name) if name else None

    def resolve_person(self, surface: str) -> str | None:
        """Canonical name for a person's spelling; None when unknown or ambiguous."""
        targets = [t for t in self._index.get(normalise(surface), []) if t.kind == "person"]
        return targets[0].name if len(targets) == 1 else None

    def team_of(self, person: str | None) -> str | None:
        entry = self.person(person)
        return entry.team if entry else None

    def fixtures_of(self, team: str) -> list[Fixture]:
        return self._by_team.get(team, [])


def _split(value: Any) -> tuple[str, ...]:
    return tuple(a.strip() for a in str(value or "").split("|") if a.strip())


def _person(row: Mapping[str, Any]) -> PersonEntry:
    role = " ".join(str(row.get(c) or "") for c in ("role", "position")).strip().lower()
    return PersonEntry(name=row.get("name") or row["person"], aliases=_split(row.get("aliases")),
                       team=row.get("team") or None, role=role)


def _team(row: Mapping[str, Any], extra: Mapping[str, list[str]]) -> TeamEntry:
    name = row.get("name") or row["team"]
    aliases = _split(row.get("aliases")) + tuple(extra.get(name, ()))
    if row.get("full_name"):
        aliases += (row["full_name"],)
    return TeamEntry(name=name, aliases=aliases)


def _fixture(row: Mapping[str, Any]) -> Fixture:
    date = row["date"] if isinstance(row["date"], dt.date) else dt.date.fromisoformat(str(row["date"]))
    return Fixture(key=row.get("key") or row["match_id"], date=date, home=row["home"], away=row["away"])
