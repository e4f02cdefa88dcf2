"""Regenerate the bundled `data/` files from the reference material in `../shared`.

    openfootball Football.TXT + football.json  ->  matches, teams, aliases
    facts/*.csv (verified, with source URLs)   ->  Kairat enrichment, venues,
                                                  goals, people, claims, statements

The output is deterministic: the same input gives the same bytes, which a test
checks so the bundle never drifts from its sources.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ingest.csvio import read_rows, write_rows
from ingest.football_json import parse_football_json_file
from ingest.names import normalise, split_country
from ingest.openfootball import parse_football_txt_file
from ingest.records import ParsedMatch
from ingest.teams import TeamEntry, TeamRegistry
from models.db import PROJECT_ROOT

DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"
OPENFOOTBALL_CREDIT = "openfootball (CC0)"

CENTRAL_EUROPE = ZoneInfo("Europe/Berlin")
# football.json times are local to the league's country.
LEAGUES: dict[str, tuple[str, str]] = {
    "at.1": ("AUT", "Europe/Vienna"), "be.1": ("BEL", "Europe/Brussels"),
    "de.1": ("GER", "Europe/Berlin"), "en.1": ("ENG", "Europe/London"),
    "es.1": ("ESP", "Europe/Madrid"), "fr.1": ("FRA", "Europe/Paris"),
    "gr.1": ("GRE", "Europe/Athens"), "it.1": ("ITA", "Europe/Rome"),
    "nl.1": ("NED", "Europe/Amsterdam"), "pt.1": ("POR", "Europe/Lisbon"),
    "sco.1": ("SCO", "Europe/London"), "tr.1": ("TUR", "Europe/Istanbul"),
}
# Qualifying files belong to the same competition as the main file.
COMPETITIONS = {
    "cl": "UEFA Champions League", "el": "UEFA Europa League", "conf": "UEFA Conference League",
}

MATCH_COLUMNS = [
    "key", "season", "competition", "stage", "round", "group", "leg", "date", "kickoff_utc",
    "kickoff_local", "utc_offset", "home", "away", "home_goals", "away_goals", "home_goals_ht",
    "away_goals_ht", "extra_time", "home_pens", "away_pens", "status", "venue", "city",
    "attendance", "referee", "facts_id", "notes", "source",
]
BUNDLE_COLUMNS: dict[str, list[str]] = {
    "competitions.csv": ["code", "name"],
    "teams.csv": ["name", "full_name", "country", "city", "lat", "lon", "source"],
    "team_aliases.csv": ["alias", "team"],
    "venues.csv": ["name", "city", "country", "lat", "lon", "capacity", "notes", "source"],
    "matches.csv": MATCH_COLUMNS,
    "goals.csv": ["match", "team", "player", "minute", "stoppage", "kind", "confidence", "notes",
                  "source"],
    "people.csv": ["name", "aliases", "team", "role", "position", "nationality", "born", "notes",
                   "confidence", "source"],
    "claims.csv": ["claim_id", "source", "source_date", "claim", "subject", "attribute",
                   "claimed_value", "verdict", "correct_value", "checkable_from", "evidence"],
    "statements.csv": ["said_on", "speaker", "team", "outlet", "language", "setting",
                       "paraphrase", "match", "confidence", "source"],
}


@dataclass
class Bundle:
    """Everything the bundle files hold, as rows keyed by their column names."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    new_teams: list[str] = field(default_factory=list)


# --- teams -------------------------------------------------------------------------------

def facts_registry(facts: Path) -> TeamRegistry:
    registry = TeamRegistry()
    for row in read_rows(facts / "teams.csv", ["team", "openfootball_names", "aliases", "country"]):
        aliases = {a for a in (row["openfootball_names"] + "|" + row["aliases"]).split("|") if a}
        registry.add(TeamEntry(
            name=row["team"], full_name=row["full_name"] or None, country=row["country"],
            city=row["city"] or None, lat=float(row["lat"]), lon=float(row["lon"]),
            source=f"facts/teams.csv ({row['coords_source']})", aliases=aliases,
        ))
    return registry


OVERRIDES = Path(__file__).with_name("team_overrides.csv")


def apply_overrides(registry: TeamRegistry, path: Path = OVERRIDES) -> None:
    """Reviewed merges of clubs that the automatic matching keeps apart."""
    for row in read_rows(path, ["alias", "team", "why"]):
        if row["team"] not in registry.teams:
            registry.add(TeamEntry(name=row["team"], country=split_country(row["alias"])[1],
                                   source=f"openfootball (CC0); merged: {row['why']}"))
        registry.add_alias(row["alias"], row["team"])


def team_rows(registry: TeamRegistry) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    teams = [{**vars(t), "source": t.source or OPENFOOTBALL_CREDIT}
             for t in sorted(registry.teams.values(), key=lambda t: t.name)]
    aliases = sorted(({"alias": a, "team": t.name} for t in registry.teams.values() for a in t.aliases),
                     key=lambda r: (r["team"], r["alias"]))
    return teams, aliases


# --- matches -----------------------------------------------------------------------------

def match_key(competition: str, season: str, round_: str, home: str, away: str) -> str:
    slug = lambda name: normalise(name).replace(" ", "-")  # noqa: E731
    return f"{competition}/{season}/{round_}/{slug(home)}-v-{slug(away)}"


def utc_iso(local: dt.datetime) -> str:
    return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def offset_text(local: dt.datetime) -> str:
    offset = local.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def kickoff_fields(parsed: ParsedMatch, zone: ZoneInfo) -> dict[str, Any]:
    if parsed.time_cet is None:
        return {"kickoff_utc": None, "kickoff_local": None, "utc_offset": None}
    local = dt.datetime.combine(parsed.date, parsed.time_cet, tzinfo=zone)
    return {"kickoff_utc": utc_iso(local), "kickoff_local": parsed.time_cet.strftime("%H:%M"),
            "utc_offset": offset_text(local)}


def match_row(parsed: ParsedMatch, competition: str, home: str, away: str, zone: ZoneInfo,
              source: str) -> dict[str, Any]:
    return {
        "key": match_key(competition, parsed.season, parsed.round, home, away),
        "season": parsed.season, "competition": competition, "stage": parsed.stage.value,
        "round": parsed.round, "group": parsed.group, "leg": parsed.leg,
        "date": parsed.date.isoformat(), **kickoff_fields(parsed, zone),
        "home": home, "away": away,
        "home_goals": parsed.home_goals, "away_goals": parsed.away_goals,
        "home_goals_ht": parsed.home_goals_ht, "away_goals_ht": parsed.away_goals_ht,
        "extra_time": parsed.extra_time, "home_pens": parsed.home_pens,
        "away_pens": parsed.away_pens, "status": parsed.status.value,
        "venue": None, "city": None, "attendance": None, "referee": None, "facts_id": None,
        "notes": None, "source": f"{source}:{parsed.line}",
    }


def champions_league_files(shared: Path) -> list[Path]:
    root = shared / "openfootball" / "champions-league"
    return sorted(root.glob("*/clq.txt")) + sorted(root.glob("*/cl.txt"))


def openfootball_matches(shared: Path, registry: TeamRegistry, bundle: Bundle) -> list[dict[str, Any]]:
    rows = []
    for path in champions_league_files(shared):
        relative = path.relative_to(shared / "openfootball").as_posix()
        for parsed in parse_football_txt_file(path, source_file=relative):
            home, away = (_resolve(registry, bundle, name, None) for name in (parsed.home, parsed.away))
            competition = parsed.competition.removesuffix("q")
            rows.append(match_row(parsed, competition, home, away, CENTRAL_EUROPE,
                                  f"{OPENFOOTBALL_CREDIT} {relative}"))
    return rows


def domestic_matches(
    shared: Path, registry: TeamRegistry, bundle: Bundle
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, competitions = [], []
    for path in sorted((shared / "openfootball" / "football.json").glob("*/*.json")):
        country, zone = LEAGUES[path.stem]
        relative = path.relative_to(shared / "openfootball").as_posix()
        name = json.loads(path.read_text(encoding="utf-8"))["name"].rsplit(" ", 1)[0]
        competitions.append({"code": path.stem, "name": name})
        for parsed in parse_football_json_file(path, source_file=relative):
            home, away = (_resolve(registry, bundle, n, country) for n in (parsed.home, parsed.away))
            rows.append(match_row(parsed, path.stem, home, away, ZoneInfo(zone),
                                  f"{OPENFOOTBALL_CREDIT} {relative}"))
    return rows, competitions


def _resolve(registry: TeamRegistry, bundle: Bundle, name: str, country: str | None) -> str:
    known = registry.find(name, country)
    team = registry.resolve(name, country, create=True)
    if known is None:
        bundle.new_teams.append(f"{name} -> {team}")
    return team


# --- Kairat enrichment from the verified facts ----------------------------------------------

FACT_SCORE_FIELDS = {
    "home_goals": "home_goals", "away_goals": "away_goals", "home_goals_ht": "ht_home",
    "away_goals_ht": "ht_away", "home_pens": "pens_home", "away_pens": "pens_away",
}


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


def enrich_from_facts(rows: list[dict[str, Any]], facts: Path, registry: TeamRegistry) -> dict[str, str]:
    """Overlay the verified facts on Kairat's matches; return facts match_id -> match key.

    Where openfootball and the facts disagree the facts win, and the note says
    what openfootball had, so both values stay visible.
    """
    by_teams = {(r["season"], r["round"], r["home"], r["away"]): r for r in rows
                if r["competition"] == "cl"}
    keys = {}
    for fact in read_rows(facts / "kairat_matches.csv", ["match_id", "home", "away", "round"]):
        home, away = (registry.resolve(fact[side], None, create=False) for side in ("home", "away"))
        row = by_teams.get(("2025-26", fact["round"], home, away))
        if row is None:
            raise LookupError(f"facts match {fact['match_id']} ({home} v {away}) is not in openfootball")
        _overlay(row, fact)
        keys[fact["match_id"]] = row["key"]
    return keys


def _overlay(row: dict[str, Any], fact: dict[str, str]) -> None:
    notes = [fact["notes"]] if fact["notes"] else []
    for column, fact_column in FACT_SCORE_FIELDS.items():
        value = _int_or_none(fact[fact_column])
        if row[column] is not None and row[column] != value:
            notes.append(f"openfootball gives {column}={row[column]}; the facts ({value}) are used.")
            row[column] = value
    row["extra_time"] = fact["extra_time"] == "yes"
    if fact["kickoff_local"]:
        local = dt.datetime.fromisoformat(f"{fact['date']}T{fact['kickoff_local']}{fact['utc_offset']}")
        if row["kickoff_utc"] and row["kickoff_utc"] != utc_iso(local):
            notes.append(f"openfootball gives kick-off {row['kickoff_utc']} UTC; the facts are used.")
        row.update(kickoff_utc=utc_iso(local), kickoff_local=fact["kickoff_local"],
                   utc_offset=fact["utc_offset"])
    elif row["kickoff_utc"]:  # keep openfootball's instant, shown in the venue's local time
        instant = dt.datetime.fromisoformat(row["kickoff_utc"])
        local = instant.astimezone(dt.timezone(_offset(fact["utc_offset"])))
        row.update(kickoff_local=local.strftime("%H:%M"), utc_offset=fact["utc_offset"])
    row.update(
        date=fact["date"], venue=fact["venue"], city=fact["city"],
        attendance=_int_or_none(fact["attendance"]), referee=fact["referee"] or None,
        facts_id=fact["match_id"], notes=" ".join(notes) or None,
        source=f"{row['source']}; facts ({fact['confidence']}): {fact['sources']}",
    )


def _offset(text: str) -> dt.timedelta:
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return sign * dt.timedelta(hours=int(hours), minutes=int(minutes))


def venue_rows(facts: Path) -> list[dict[str, Any]]:
    return [{
        "name": r["venue"], "city": r["city"], "country": r["country"], "lat": float(r["lat"]),
        "lon": float(r["lon"]), "capacity": _int_or_none(r["capacity"]), "notes": r["notes"] or None,
        "source": f"facts/venues.csv ({r['coords_source']})",
    } for r in read_rows(facts / "venues.csv", ["venue", "city", "country", "lat", "lon"])]


def goal_rows(facts: Path, keys: dict[str, str], sources: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for r in read_rows(facts / "goals.csv", ["match_id", "team", "player", "minute", "kind"]):
        minute, _, stoppage = r["minute"].partition("+")
        rows.append({
            "match": keys[r["match_id"]], "team": r["team"], "player": r["player"],
            "minute": int(minute), "stoppage": int(stoppage) if stoppage else None,
            "kind": r["kind"] or "regular", "confidence": r["confidence"], "notes": r["notes"] or None,
            "source": f"facts/goals.csv: {sources[r['match_id']]}",
        })
    return rows


def people_rows(facts: Path) -> list[dict[str, Any]]:
    return [{**{c: r[c] or None for c in ("team", "role", "position", "nationality", "born", "notes",
                                          "confidence")},
             "name": r["person"], "aliases": r["aliases"], "source": r["sources"] or "facts/people.csv"}
            for r in read_rows(facts / "people.csv", ["person", "aliases", "team", "role"])]


def claim_rows(facts: Path) -> list[dict[str, Any]]:
    columns = BUNDLE_COLUMNS["claims.csv"]
    return [{c: r[c] for c in columns} for r in read_rows(facts / "claims.csv", columns)]


def statement_rows(facts: Path, keys: dict[str, str]) -> list[dict[str, Any]]:
    return [{
        "said_on": r["date"], "speaker": r["speaker"], "team": r["team"], "outlet": r["outlet"],
        "language": r["language"], "setting": r["setting"] or None, "paraphrase": r["paraphrase"],
        "match": keys.get(r["related_match"]), "confidence": r["confidence"], "source": r["source"],
    } for r in read_rows(facts / "statements.csv", ["date", "speaker", "paraphrase", "source"])]


# --- the whole bundle ------------------------------------------------------------------------

def make_bundle(shared: Path) -> Bundle:
    facts = shared / "facts"
    registry = facts_registry(facts)
    apply_overrides(registry)
    bundle = Bundle()
    matches = openfootball_matches(shared, registry, bundle)
    keys = enrich_from_facts(matches, facts, registry)
    domestic, leagues = domestic_matches(shared, registry, bundle)
    fact_sources = {m["facts_id"]: m["source"].split("; facts ", 1)[1] for m in matches if m["facts_id"]}
    teams, aliases = team_rows(registry)
    bundle.tables = {
        "competitions.csv": [{"code": c, "name": n} for c, n in COMPETITIONS.items()] + leagues,
        "teams.csv": teams,
        "team_aliases.csv": aliases,
        "venues.csv": venue_rows(facts),
        "matches.csv": sorted(matches + domestic, key=lambda r: (r["date"], r["key"])),
        "goals.csv": goal_rows(facts, keys, fact_sources),
        "people.csv": people_rows(facts),
        "claims.csv": claim_rows(facts),
        "statements.csv": statement_rows(facts, keys),
    }
    return bundle


def write_bundle(bundle: Bundle, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in bundle.tables.items():
        write_rows(out / name, rows, BUNDLE_COLUMNS[name])
        written.append(out / name)
    return written

