"""The built database against the verified facts and the openfootball files."""

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session, func, select

from ingest.openfootball import declared_match_count
from models import Competition, Match, Team, Venue
from tests.conftest import require_shared


def kairat_rows(engine: Engine) -> dict[str, dict[str, object]]:
    home, away = aliased(Team), aliased(Team)
    query = (select(Match, home.name, away.name, Venue.name, Venue.city)
             .join(home, home.id == Match.home_team_id).join(away, away.id == Match.away_team_id)
             .outerjoin(Venue, Venue.id == Match.venue_id).where(Match.facts_id.is_not(None)))  # type: ignore[union-attr]
    with Session(engine) as s:
        return {m.facts_id: {"match": m, "home": h, "away": a, "venue": v, "city": c}
                for m, h, a, v, c in s.exec(query)}


def facts_matches() -> list[dict[str, str]]:
    path = require_shared("facts", "kairat_matches.csv")
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def number(text: str) -> int | None:
    return int(text) if text else None


def test_kairat_sixteen_matches_equal_the_facts(bundled_engine: Engine) -> None:
    stored = kairat_rows(bundled_engine)
    facts = facts_matches()
    assert len(facts) == 16 and set(stored) == {f["match_id"] for f in facts}
    for fact in facts:
        row = stored[fact["match_id"]]
        m = row["match"]
        assert isinstance(m, Match)
        assert (row["home"], row["away"]) == (fact["home"], fact["away"]), fact["match_id"]
        assert m.date.isoformat() == fact["date"]
        assert (m.home_goals, m.away_goals) == (int(fact["home_goals"]), int(fact["away_goals"]))
        assert (m.home_goals_ht, m.away_goals_ht) == (int(fact["ht_home"]), int(fact["ht_away"]))
        assert (m.home_pens, m.away_pens) == (number(fact["pens_home"]), number(fact["pens_away"]))
        assert m.extra_time == (fact["extra_time"] == "yes")
        assert (row["venue"], row["city"]) == (fact["venue"], fact["city"])
        assert m.attendance == number(fact["attendance"])
        assert fact["sources"].split()[0] in m.source


def test_shoot_outs_and_winter_venues(bundled_engine: Engine) -> None:
    stored = kairat_rows(bundled_engine)
    slovan, celtic = stored["Q3-2"]["match"], stored["PO-2"]["match"]
    assert isinstance(slovan, Match) and isinstance(celtic, Match)
    assert (slovan.away_pens, slovan.home_pens) == (4, 3)  # Kairat away in Bratislava
    assert (celtic.home_pens, celtic.away_pens) == (3, 2)
    assert stored["MD6"]["venue"] == stored["MD7"]["venue"] == "Astana Arena"
    assert stored["MD2"]["city"] == "Almaty"  # not the Bernabéu


def test_kickoff_is_utc_from_the_local_time(bundled_engine: Engine) -> None:
    md2 = kairat_rows(bundled_engine)["MD2"]["match"]
    assert isinstance(md2, Match) and md2.kickoff_utc is not None
    assert (md2.kickoff_local, md2.utc_offset) == ("21:45", "+05:00")
    assert md2.kickoff_utc.strftime("%Y-%m-%d %H:%M") == "2025-09-30 16:45"


def openfootball_files() -> list[Path]:
    root = require_shared("openfootball", "champions-league")
    return sorted(root.glob("*/cl.txt")) + sorted(root.glob("*/clq.txt"))


def test_every_champions_league_match_is_in_the_database(bundled_engine: Engine) -> None:
    expected: dict[str, int] = {}
    for path in openfootball_files():
        count = declared_match_count(path.read_text(encoding="utf-8"))
        assert count is not None, path
        expected[path.parent.name] = expected.get(path.parent.name, 0) + count
    query = (select(Match.season, func.count()).join(Competition, Competition.id == Match.competition_id)
             .where(Competition.code == "cl").group_by(Match.season))
    with Session(bundled_engine) as s:
        stored = dict(s.exec(query).all())
    assert stored == expected
    assert min(stored) == "2011-12" and max(stored) == "2025-26"


@pytest.mark.parametrize("spellings", [("Pafos FC (CYP)", "Paphos FC (CYP)"),
                                       ("Qarabağ FK (AZE)", "Qarabağ Ağdam FK (AZE)"),
                                       ("SL Benfica (POR)", "Sport Lisboa e Benfica (POR)")])
def test_clubs_spelled_two_ways_are_one_team(bundled_engine: Engine, spellings: tuple[str, str]) -> None:
    from ingest.names import normalise
    from models import TeamAlias

    with Session(bundled_engine) as s:
        ids = {s.exec(select(TeamAlias.team_id).where(TeamAlias.key == normalise(name))).one()
               for name in spellings}
    assert len(ids) == 1


def test_league_phase_table_from_the_database_matches_the_facts(bundled_engine: Engine) -> None:
    from analytics import queries, standings

    with Session(bundled_engine) as s:
        results = queries.league_phase_results(s, season="2025-26")
    final = standings.table(results)
    assert len(final) == 36 and set(final["played"]) == {8}
    kairat = final[final["team"] == "Kairat"].iloc[0]
    assert (kairat["position"], kairat["points"]) == (36, 1)
    assert (kairat["won"], kairat["drawn"], kairat["lost"]) == (0, 1, 7)
    assert (kairat["goals_for"], kairat["goals_against"]) == (7, 22)
    top = final.iloc[0]
    assert (top["team"], top["points"], top["won"]) == ("Arsenal", 24, 8)  # won all eight
