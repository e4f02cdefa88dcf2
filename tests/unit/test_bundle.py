"""data/ is exactly what the importers make of ../shared, so it can be
regenerated at any time and never drifts from its sources."""

from pathlib import Path

import pytest

from ingest.bundle import BUNDLE_COLUMNS, make_bundle, write_bundle
from ingest.load import DATA_DIR
from ingest.teams import TeamRegistry, UnknownTeamError, core_key


def test_bundle_files_equal_a_fresh_regeneration(shared_dir: Path, tmp_path: Path) -> None:
    write_bundle(make_bundle(shared_dir), tmp_path)
    for name in BUNDLE_COLUMNS:
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        committed = (DATA_DIR / name).read_text(encoding="utf-8")
        assert fresh == committed, f"data/{name} differs from what `python -m ingest bundle` makes"


def test_regeneration_is_deterministic(shared_dir: Path) -> None:
    assert make_bundle(shared_dir).tables == make_bundle(shared_dir).tables


def test_every_club_appears_once_per_core_and_country() -> None:
    import csv

    with (DATA_DIR / "teams.csv").open(encoding="utf-8") as f:
        teams = list(csv.DictReader(f))
    seen: dict[tuple[str, str], str] = {}
    for team in teams:
        key = (core_key(team["name"]), team["country"])
        assert key not in seen, f"{team['name']} and {seen[key]} look like one club"
        seen[key] = team["name"]


def test_registry_reports_unknown_names_instead_of_inventing_clubs() -> None:
    registry = TeamRegistry()
    with pytest.raises(UnknownTeamError, match="Nowhere United"):
        registry.resolve("Nowhere United (ZZZ)", create=False)
    created = registry.resolve("Nowhere United (ZZZ)", create=True)
    assert registry.resolve("FC Nowhere United (ZZZ)", create=False) == created
