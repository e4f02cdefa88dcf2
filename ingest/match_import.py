"""Add matches from Football.TXT files a user downloads (another season or
competition) to an existing database: all files are parsed and every team name
resolved before anything is written, then one transaction inserts them."""

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, insert
from sqlmodel import Session, select

from ingest.bundle import CENTRAL_EUROPE, COMPETITIONS, OPENFOOTBALL_CREDIT, match_key, match_row
from ingest.errors import InputError
from ingest.load import _Ids, _match
from ingest.names import normalise
from ingest.openfootball import parse_football_txt_file
from ingest.records import ParsedMatch
from ingest.teams import TeamEntry, TeamRegistry, UnknownTeamError
from models import Competition, Match, Team, TeamAlias, session_scope


@dataclass
class ImportReport:
    added: int = 0
    already_present: int = 0
    new_teams: list[str] = field(default_factory=list)


def registry_from_db(session: Session) -> TeamRegistry:
    registry = TeamRegistry()
    teams = {t.id: t for t in session.exec(select(Team))}
    for team in teams.values():
        registry.add(TeamEntry(name=team.name, full_name=team.full_name, country=team.country))
    for alias in session.exec(select(TeamAlias)):
        registry.add_alias(alias.alias, teams[alias.team_id].name)
    return registry


def import_openfootball(engine: Engine, paths: list[Path], *, allow_new_teams: bool = False) -> ImportReport:
    parsed = [(path, m) for path in paths for m in parse_football_txt_file(path, source_file=str(path))]
    report = ImportReport()
    with session_scope(engine) as session:
        registry = registry_from_db(session)
        names = _resolve_all(registry, parsed, allow_new_teams, report)
        existing = {m.key: m for m in session.exec(select(Match))}
        rows = []
        for path, m in parsed:
            row = match_row(m, m.competition.removesuffix("q"), names[m.home], names[m.away],
                            CENTRAL_EUROPE, f"{OPENFOOTBALL_CREDIT} {path.name}")
            if row["key"] in existing:
                _check_same(existing[row["key"]], m, path)
                report.already_present += 1
            else:
                rows.append(row)
        _insert(session, registry, rows, report)
    return report


def _resolve_all(registry: TeamRegistry, parsed: list[tuple[Path, ParsedMatch]], allow_new: bool,
                 report: ImportReport) -> dict[str, str]:
    names: dict[str, str] = {}
    unknown: list[str] = []
    for path, m in parsed:
        for name in (m.home, m.away):
            if name in names:
                continue
            found = registry.find(name)
            if found is None and not allow_new:
                unknown.append(f"{name} ({path}, line {m.line})")
                names[name] = ""
                continue
            if found is None:
                report.new_teams.append(name)
            names[name] = registry.resolve(name, create=True)
    if unknown:
        raise UnknownTeamError(unknown)
    return names


def _check_same(stored: Match, m: ParsedMatch, path: Path) -> None:
    if (stored.home_goals, stored.away_goals) != (m.home_goals, m.away_goals):
        raise InputError(str(path), m.line, f"{m.home} v {m.away}",
                         f"this match is already in the database with the score "
                         f"{stored.home_goals}-{stored.away_goals}; expected the same match, not a "
                         "duplicate with another result")


def _insert(session: Session, registry: TeamRegistry, rows: list[dict[str, object]], report: ImportReport) -> None:
    teams = _save_teams(session, registry)
    competitions = {c.code: c.id for c in session.exec(select(Competition))}
    for code in sorted({str(row["competition"]) for row in rows} - set(competitions)):
        competition = Competition(code=code, name=COMPETITIONS.get(code, code))
        session.add(competition)
        session.flush()
        competitions[code] = competition.id
    last_id = session.exec(select(func.max(Match.id))).one() or 0
    ids = (_Ids.from_map("competitions.csv", competitions), _Ids.from_map("teams.csv", dict(teams)),
           _Ids.from_map("venues.csv", {}))
    values = [_match(last_id + i, {k: _text(v) for k, v in row.items()}, *ids)
              for i, row in enumerate(rows, 1)]
    if values:
        session.execute(insert(Match), values)
    report.added = len(values)


def _save_teams(session: Session, registry: TeamRegistry) -> dict[str, int]:
    """New clubs and new spellings of known clubs, so the next import finds them."""
    teams = {t.name: int(t.id or 0) for t in session.exec(select(Team))}
    for name in sorted(set(registry.teams) - set(teams)):
        team = Team(name=name, country=registry.teams[name].country, source="user import")
        session.add(team)
        session.flush()
        teams[name] = int(team.id or 0)
    known = set(session.exec(select(TeamAlias.key)))
    for entry in registry.teams.values():
        for alias in sorted(entry.aliases):
            if normalise(alias) not in known:
                known.add(normalise(alias))
                session.add(TeamAlias(key=normalise(alias), alias=alias, team_id=teams[entry.name]))
    return teams


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


__all__ = ["ImportReport", "import_openfootball", "match_key"]
