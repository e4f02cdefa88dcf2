"""The pipeline meets its targets on the gold pages; the gold set is what it claims to be."""

import csv
import json
from pathlib import Path

import pytest

from ingest.load import DATA_DIR
from quality import measure
from quality.measure import SEED_TARGETS, TARGETS, Tally, overlap, pair_quotes, shortfalls
from tests.conftest import require_shared

GOLD = measure.load_gold()


@pytest.fixture(scope="module")
def groups() -> dict[str, Tally]:
    return measure.measure()


@pytest.mark.parametrize("language", ["it", "en"])
def test_targets_per_language(groups: dict[str, Tally], language: str) -> None:
    figures = groups[language].figures()
    for key, target in TARGETS.items():
        assert figures[key] >= target, f"{language} {key} {figures[key]:.3f} < {target}\n" + \
            "\n".join(groups[language].errors)


def test_no_figure_is_below_target(groups: dict[str, Tally]) -> None:
    assert shortfalls(groups) == []


def test_on_the_seeds_every_quote_speaker_and_date_is_right(groups: dict[str, Tally]) -> None:
    require_shared("seeds")
    seeds = groups["seeds"]
    assert seeds.pages == 3 and seeds.gold == 9
    figures = seeds.figures()
    for key, target in SEED_TARGETS.items():
        assert figures[key] >= target, f"seeds {key} {figures[key]:.3f}\n" + "\n".join(seeds.errors)
    assert seeds.outside_article == 0, "a quote was taken from the page's furniture"
    assert seeds.furniture_kept == 0 and seeds.article_lost == 0


# --- the measure itself can fail ---------------------------------------------------------------

def test_overlap_is_shared_words_over_the_longer_text() -> None:
    assert overlap("Siamo pronti per domani", "siamo pronti per domani!") == 1.0
    assert overlap("uno due tre quattro cinque", "uno due tre quattro") == 0.8
    assert overlap("uno due tre", "quattro cinque sei") == 0.0


def test_pairs_are_one_to_one_and_need_eighty_percent() -> None:
    gold = ["uno due tre quattro cinque", "sei sette otto nove dieci"]
    found = ["uno due tre quattro", "uno due tre quattro cinque", "sei sette"]
    assert pair_quotes(gold, found) == [(0, 1)]


def test_a_shortfall_is_reported() -> None:
    poor = Tally(pages=1, gold=10, found=10, matched=8, speaker=8)
    groups = {"it": poor, "en": Tally(), "all": poor, "seeds": Tally()}
    failures = shortfalls(groups)
    assert any("it: quote_precision 0.800" in f for f in failures)
    assert any("it: quote_recall 0.800" in f for f in failures)


def test_main_exits_non_zero_below_target(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(measure, "TARGETS", {**TARGETS, "quote_precision": 1.01})
    assert measure.main([]) == 1
    assert "BELOW TARGET" in capsys.readouterr().out


# --- the gold set ------------------------------------------------------------------------------

def fictional() -> list[dict]:
    return [g for g in GOLD if not g["seed"]]


def test_at_least_twenty_fictional_pages_in_both_languages_with_every_pattern() -> None:
    pages = fictional()
    assert len(pages) >= 20
    assert {"it", "en"} <= {g["language"] for g in pages}
    assert sum(1 for g in pages if not g["quotes"]) >= 2, "pages with no quote at all"
    assert sum(1 for g in pages if any(q["question"] for q in g["quotes"])) >= 4, "Q&A interviews"
    assert any(not q["resolved"] for g in pages for q in g["quotes"]), "an unresolved speaker"
    assert any(g["article"]["date_precision"] == "none" for g in pages), "a page without a date"
    furniture = [g for g in pages if g["content_lines"][0][0] > 8]
    assert len(furniture) >= 4, "pages with heavy furniture"


def test_gold_pages_exist_and_quotes_sit_in_the_article_lines() -> None:
    for gold in fictional():
        path = measure.QUALITY_DIR / gold["page"]
        assert path.exists(), path
        lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
        content = {n for a, b in gold["content_lines"] for n in range(a, b + 1)}
        assert max(content) <= len(lines)
        for quote in gold["quotes"]:
            assert quote["line"] in content, f"{gold['page']}:{quote['line']}"


def test_seed_gold_names_the_seeds_and_copies_no_text() -> None:
    seeds = [g for g in GOLD if g["seed"]]
    assert sorted(g["page"] for g in seeds) == [
        "000_f691354fcaac82ad.txt", "001_7b0304523e0b32d8.txt", "002_58a2cb25fb402d89.txt"]
    assert all("text" not in q for g in seeds for q in g["quotes"]), "seed quotes are anchors, not copies"
    assert not list(Path(measure.QUALITY_DIR).rglob("0*_*.txt")), "no seed file inside the repo"


def test_the_seed_sources_agree_with_the_seed_gold() -> None:
    with (DATA_DIR / "article_sources.csv").open(encoding="utf-8") as f:
        sources = {row["file"]: row for row in csv.DictReader(f)}
    for gold in (g for g in GOLD if g["seed"]):
        row = sources[gold["page"]]
        assert row["reference_date"] == gold["input"]["reference_date"]
        assert (row["outlet"] or None) == gold["input"]["outlet"]


def test_fictional_directory_is_self_consistent() -> None:
    data = json.loads((measure.QUALITY_DIR / "directory.json").read_text(encoding="utf-8"))
    teams = {t["name"] for t in data["teams"]}
    assert all(p["team"] in teams for p in data["people"])
    assert all(f["home"] in teams and f["away"] in teams for f in data["fixtures"])
