"""The benchmark works end to end on the smallest tier (10^3 rows): every figure is produced and is a
positive number, and the results file is written. Timings are not checked here — `make bench` does
that on the full tiers."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Chromium is missing at {CHROMIUM}: CI must run the benchmark smoke test (make test installs it)")
    pytest.skip(f"Chromium is missing at {CHROMIUM}; install it with `apt-get install -y chromium` (make test does)")


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]], str]:
    _require_chromium()
    out = tmp_path_factory.mktemp("bench-results")
    done = subprocess.run([sys.executable, "-m", "bench", "--smoke", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rows = json.loads((out / "latest.json").read_text())
    return out, rows, done.stdout


def _row(rows: list[dict[str, object]], metric: str) -> dict[str, object]:
    found = [r for r in rows if r["metric"] == metric]
    assert found, f"the benchmark did not produce {metric!r}"
    return found[0]


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and value > 0


def test_results_file_is_written(smoke_run: tuple[Path, list[dict[str, object]], str]) -> None:
    out, _rows, stdout = smoke_run
    latest = (out / "latest.md").read_text()
    stamped = [p for p in out.glob("*.md") if p.name != "latest.md"]
    assert len(stamped) == 1 and stamped[0].read_text() == latest
    assert "| tier | metric | ours | naive | naive ÷ ours | target | pass |" in latest
    assert "| tier | metric |" in stdout  # the table is also printed


def test_every_page_figure_is_a_positive_number_for_both_apps(
        smoke_run: tuple[Path, list[dict[str, object]], str]) -> None:
    _out, rows, _stdout = smoke_run
    for page in ("overview", "quotes"):
        for label in ("p50", "p95"):
            row = _row(rows, f"rerun after a filter change, {label}: {page}")
            assert _positive(row["ours"]) and _positive(row["naive"]), row
        queries = [r for r in rows if str(r["metric"]).startswith(f"query time p50: {page} /")]
        assert queries and all(_positive(r["ours"]) for r in queries), queries
        assert any(_positive(r["naive"]) for r in queries), queries
        charts = [r for r in rows if str(r["metric"]).startswith(f"chart JSON, largest: {page} /")]
        assert charts and all(_positive(r["ours"]) for r in charts), charts
        built = _row(rows, f"downloads built in a rerun without a click: {page}")
        assert built["ours"] == 0, "the real app must build downloads only when clicked"
    assert _positive(_row(rows, "rerun after a filter change, p50: overview")["ratio"])
    assert _positive(_row(rows, "downloads built in a rerun without a click: overview")["naive"])
    clicked = [r for r in rows if str(r["metric"]).startswith("download build on click (CSV)")]
    assert clicked and all(_positive(r["ours"]) for r in clicked), clicked


def test_search_downloads_server_and_memory_figures(smoke_run: tuple[Path, list[dict[str, object]], str]) -> None:
    _out, rows, _stdout = smoke_run
    for metric in ("quote text search, page rerun p50", "quote text search, page rerun p95",
                   "server start → first complete render (Chromium)", "server memory (RSS) after 1 session",
                   "server memory (RSS) after 2 sessions"):
        row = _row(rows, metric)
        assert _positive(row["ours"]) and _positive(row["naive"]), row
    assert _positive(_row(rows, "quote text search, queries p95 (full-text index)")["ours"])
    for table in ("matches", "quotes"):
        assert _positive(_row(rows, f"whole-table CSV on click: {table}")["ours"])
    assert _positive(_row(rows, "platform floor: a one-chart Streamlit app, server start → first render")["ours"])
