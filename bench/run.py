"""The benchmark run: datasets, measurements of both apps, one table of figures.

Order of a run:
1. generate (or reuse) one database per tier and build the indexes the real app builds on its
   first start (timed, reported as a one-off);
2. AppTest measurements, in one process per (tier, app, page): the real app on one core and the
   naive baseline on the other, at the same time, so that both see the same machine;
3. alone on the machine: for each tier and app, a real server and headless Chromium (server on one
   core, browser on the other) for the start-to-render time and the memory after 1 and N sessions.

Every measurement has a time budget. The naive baseline needs minutes per rerun at 10^6 rows, so
at the largest tier it gets fewer samples (each sample's count is in the table), and a figure it
could not finish in its budget is shown as a lower bound (">") — which only understates how much
faster the real app is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.generate import WORK_DIR, Tier, ensure_database, tier

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"
LOG_DIR = WORK_DIR / "logs"

OURS_PAGES = {"overview": "app_pages/overview.py", "qualification": "app_pages/qualification.py",
              "opponents": "app_pages/opponents.py", "quotes": "app_pages/quotes.py",
              "sources": "app_pages/sources.py"}
NAIVE_PAGES = {"overview": "naive_pages/overview.py", "quotes": "naive_pages/quotes.py"}
# Clubs with many European nights in every dataset (the real 2025/26 league-phase clubs).
TEAMS = ("Real Madrid", "Arsenal", "Inter", "Copenhagen", "Barcelona", "Bayern München", "Liverpool", "Benfica",
         "Ajax", "Juventus", "Olympiacos", "Kairat", "Chelsea", "Napoli", "PSV", "Club Brugge")
WARMUP_TEAM = "Tottenham"
# The campaign, every season the date filter allows, and a decade.
RANGES = (("2010-01-01", "2030-12-31"), ("2025-07-01", "2026-05-31"), ("2015-07-01", "2025-06-30"))
SEARCH_WORDS = ("vittoria", "Almaty", "pressione", "Champions League", "difficult", "mentalità", "stadium",
                "rigore", "coach", "ritmo", "Kairat", "spogliatoio")
SEARCH_SCOPE = {"team": "Kairat", "date_from": RANGES[0][0], "date_to": RANGES[0][1]}
WHOLE_TABLES = ("matches", "quotes")
# Which analytics queries feed which chart or card of a page (the page calls them through ui.data.query).
CHART_QUERIES: dict[str, dict[str, tuple[str, ...]]] = {
    "overview": {"kpis": ("team_record", "league_seasons", "league_phase_results", "team_destinations"),
                 "timeline": ("team_matches", "team_results_by_month")},
    "qualification": {"path": ("team_matches", "team_record")},
    "opponents": {"fixtures": ("team_matches", "matches_near"), "bump": ("league_seasons", "league_phase_results"),
                  "trips-map": ("team_destinations",)},
    # quote_summary counts the items, bins them per week, counts the mentions and reads the first page of
    # cards in one read of the matching items: it feeds three cards, so it is listed (and its time shown)
    # under each of them; quotes@20 is then only a later page of cards.
    "quotes": {"filter options": ("quote_filter_options",),
               "quote-timeline": ("quote_summary", "team_matches", "quotes"),
               "quote cards": ("quote_summary", "quotes@20"), "mentions": ("quote_summary",)},
    "sources": {"claims": ("claims", "claims_by_source"), "articles": ("articles",)},
}
# The naive pages' timed steps per chart: its whole-table loads are shared by every chart.
NAIVE_CHARTS = {"overview": ("kpis", "timeline"), "quotes": ("quote-timeline", "mentions")}


@dataclass
class Settings:
    tiers: Sequence[int] = (4, 5, 6)
    seed: int = 2025
    reruns: int = 12
    sessions: int = 10
    search_words: int = 12
    ours_pages: Sequence[str] = tuple(OURS_PAGES)
    naive_pages: Sequence[str] = tuple(NAIVE_PAGES)
    ours_budget_s: float = 90
    naive_budget_s: Callable[[int], float] = lambda exponent: 150 if exponent >= 6 else 60
    server_budget_s: Callable[[str, int], float] = lambda app, exponent: (
        150 if exponent >= 6 else 90) if app == "naive" else 90
    smoke: bool = False
    parallel_servers: bool = False  # smoke runs only: faster, figures disturbed
    log: Callable[[str], None] = print


@dataclass
class TaskResult:
    records: list[dict[str, Any]] = field(default_factory=list)
    finished: bool = False
    elapsed_s: float = 0.0
    since_last_s: float = 0.0  # how long the cut-off measurement had been running
    error: str | None = None


def _cores() -> list[int]:
    return sorted(os.sched_getaffinity(0))


def run_task(spec: dict[str, Any], budget_s: float, cores: set[int] | None, log_name: str) -> TaskResult:
    """Run one worker; keep every line it printed; stop it (and what it started) when the budget is spent."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    result = TaskResult()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(LOG_DIR / f"{log_name}.log", "w") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.worker", json.dumps(spec)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
            stderr=stderr, text=True, start_new_session=True,
            preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None)
        started = time.perf_counter()
        last = [started]

        def read() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                last[0] = time.perf_counter()
                result.records.append(record)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            proc.wait(timeout=budget_s)
        except subprocess.TimeoutExpired:
            result.since_last_s = time.perf_counter() - last[0]
            os.killpg(proc.pid, signal.SIGKILL)  # the worker's own process group: its server and browser too
            proc.wait()
        reader.join(timeout=5)
        result.elapsed_s = time.perf_counter() - started
    for record in result.records:
        if record.get("kind") == "server-pid":
            _kill_if_alive(int(record["pid"]))
        if record.get("kind") == "error":
            result.error = record["error"]
    result.finished = any(r.get("kind") == "done" for r in result.records)
    return result


def _kill_if_alive(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


# --- scenarios -------------------------------------------------------------------------------

def filter_states(count: int) -> list[dict[str, str]]:
    """A warm-up state, then `count` distinct (team, date range) filters: every one misses the cache."""
    states = [{"team": WARMUP_TEAM, "date_from": RANGES[1][0], "date_to": RANGES[1][1]}]
    for i in range(count):
        date_from, date_to = RANGES[i % len(RANGES)]
        states.append({"team": TEAMS[i % len(TEAMS)], "date_from": date_from, "date_to": date_to})
    return states


def session_urls(count: int) -> list[str]:
    return ["/"] + [f"/?team={TEAMS[i % len(TEAMS)].replace(' ', '+')}" for i in range(count - 1)]


# --- the run ---------------------------------------------------------------------------------

@dataclass
class TierData:
    tier: Tier
    exponent: int
    db: Path
    generate_s: float
    prepare_s: float
    ours: dict[str, TaskResult] = field(default_factory=dict)
    naive: dict[str, TaskResult] = field(default_factory=dict)
    downloads: TaskResult | None = None
    ours_server: TaskResult | None = None
    naive_server: TaskResult | None = None
    floor_server: TaskResult | None = None
    naive_budget_s: float = 0.0


def prepare(db: Path) -> float:
    """What the real app does on its first start against a new database: its indexes and the full-text index."""
    from analytics.indexes import ensure_indexes
    from analytics.search import ensure_quote_index
    from models import make_engine

    started = time.perf_counter()
    engine = make_engine(f"sqlite:///{db}")
    ensure_indexes(engine)
    ensure_quote_index(engine)
    engine.dispose()
    return time.perf_counter() - started


def run(settings: Settings) -> list[TierData]:
    log = settings.log
    data: list[TierData] = []
    for exponent in settings.tiers:
        t = tier(exponent)
        started = time.perf_counter()
        db = ensure_database(t, settings.seed, log=log)
        generated = time.perf_counter() - started
        prepared = prepare(db)
        data.append(TierData(t, exponent, db, generated, prepared))
        log(f"{t.name}: database ready ({generated:.1f} s), app indexes ({prepared:.1f} s)")

    cores = _cores()
    ours_cores, naive_cores = ({cores[0]}, {cores[1]}) if len(cores) > 1 else (None, None)
    ours_jobs: list[Callable[[], None]] = []
    naive_jobs: list[Callable[[], None]] = []
    states = filter_states(settings.reruns)
    words = list(SEARCH_WORDS[: settings.search_words])
    for d in data:
        for page in settings.ours_pages:
            spec = {"task": "apptest", "app": "ours", "db": str(d.db), "page": OURS_PAGES[page], "states": states,
                    "downloads": True, **({"search_words": words, "search_state": SEARCH_SCOPE} if page == "quotes"
                                          else {})}

            def ours_job(d: TierData = d, page: str = page, spec: dict[str, Any] = spec) -> None:
                d.ours[page] = run_task(spec, settings.ours_budget_s, ours_cores, f"{d.tier.name}-ours-{page}")
                log(f"{d.tier.name} ours {page}: {_progress(d.ours[page])}")

            ours_jobs.append(ours_job)

        def download_job(d: TierData = d) -> None:
            spec = {"task": "download", "db": str(d.db), "tables": list(WHOLE_TABLES)}
            d.downloads = run_task(spec, settings.ours_budget_s, ours_cores, f"{d.tier.name}-ours-downloads")
            log(f"{d.tier.name} ours whole-table downloads: {_progress(d.downloads)}")

        ours_jobs.append(download_job)
        d.naive_budget_s = settings.naive_budget_s(d.exponent)
        for page in settings.naive_pages:
            spec = {"task": "apptest", "app": "naive", "db": str(d.db), "page": NAIVE_PAGES[page],
                    "states": states[1:], "first_from_url": True,
                    **({"search_words": words, "search_state": SEARCH_SCOPE} if page == "quotes" else {})}

            def naive_job(d: TierData = d, page: str = page, spec: dict[str, Any] = spec) -> None:
                d.naive[page] = run_task(spec, d.naive_budget_s, naive_cores, f"{d.tier.name}-naive-{page}")
                log(f"{d.tier.name} naive {page}: {_progress(d.naive[page])}")

            naive_jobs.append(naive_job)

    def drain(jobs: list[Callable[[], None]]) -> None:
        for job in jobs:
            job()

    if ours_cores:
        threads = [threading.Thread(target=drain, args=(jobs,)) for jobs in (ours_jobs, naive_jobs)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        drain(ours_jobs + naive_jobs)

    urls = session_urls(settings.sessions)
    server_jobs: list[Callable[[], None]] = []

    def floor_job() -> None:
        spec = {"task": "server", "app": "floor", "db": str(data[0].db), "urls": ["/"], "min_charts": 1}
        data[0].floor_server = run_task(spec, 60, None, "floor-server")
        log(f"platform floor (one-chart app): {_progress(data[0].floor_server)}")

    server_jobs.append(floor_job)
    for d in data:
        for app in ("ours", "naive"):
            def server_job(d: TierData = d, app: str = app) -> None:
                spec = {"task": "server", "app": app, "db": str(d.db), "urls": urls, "min_charts": 1}
                result = run_task(spec, settings.server_budget_s(app, d.exponent), None,
                                  f"{d.tier.name}-{app}-server")
                setattr(d, f"{app}_server", result)
                log(f"{d.tier.name} {app} server: {_progress(result)}")

            server_jobs.append(server_job)
    if settings.parallel_servers:
        threads = [threading.Thread(target=job) for job in server_jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        drain(server_jobs)
    return data


def _progress(r: TaskResult) -> str:
    n = sum(1 for x in r.records if x.get("kind") in ("rerun", "search", "session", "whole-csv"))
    state = "done" if r.finished else f"stopped at the budget ({r.elapsed_s:.0f} s)"
    return f"{n} samples, {state}" + (f", error: {r.error}" if r.error else "") + f" [{r.elapsed_s:.0f} s]"


# --- figures -------------------------------------------------------------------------------

@dataclass
class Row:
    tier: str
    metric: str
    unit: str  # "ms", "s", "B", "MB", "x", "n"
    ours: float | None
    naive: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""
    naive_lower_bound: bool = False  # naive did not finish: its figure is at least this
    ours_lower_bound: bool = False

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.naive is None or self.ours <= 0:
            return None
        return self.naive / self.ours


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _samples(r: TaskResult | None, kind: str = "rerun") -> list[dict[str, Any]]:
    return [x for x in (r.records if r else []) if x.get("kind") == kind and not x.get("error")]


def _errors(r: TaskResult | None) -> list[str]:
    return [str(x["error"]) for x in (r.records if r else []) if x.get("error")]


def _chart_query_ms(sample: dict[str, Any], names: tuple[str, ...]) -> float | None:
    total, hit = 0.0, False
    for q in sample["queries"]:
        name = f"{q['name']}@{q['limit']}" if q.get("limit") else q["name"]
        if name in names:
            total += q["ms"]
            hit = True
    return total if hit else None


def _naive_chart_ms(sample: dict[str, Any], chart: str) -> float:
    steps = sample["steps"]
    loads = sum(s["ms"] for s in steps if s.get("kind") == "load")
    return loads + sum(s["ms"] for s in steps if s.get("kind") == "filter" and s.get("chart") == chart)


def figures(data: list[TierData], settings: Settings) -> list[Row]:
    rows: list[Row] = []
    largest = max(d.exponent for d in data)
    for d in data:
        name = d.tier.name
        at_target = d.exponent == largest and d.exponent >= 6
        rows.append(Row(name, "dataset: matches / quotes", "n", float(d.tier.matches),
                        note=f"{d.tier.quotes:,} quotes"))
        rows.append(Row(name, "dataset: generate (0 = cached) + app indexes", "s", d.generate_s + d.prepare_s,
                        note=f"indexes and full-text index built once, on the app's first start: {d.prepare_s:.1f} s"))
        for page in settings.ours_pages:
            ours = d.ours.get(page)
            naive = d.naive.get(page) if page in settings.naive_pages else None
            rows += _rerun_rows(name, page, ours, naive, d, at_target, settings)
            rows += _query_rows(name, page, ours, naive)
            rows += _chart_rows(name, page, ours, naive)
            rows += _download_rows(name, page, ours, naive)
            if page == "quotes":
                rows += _search_rows(name, ours, naive, d, at_target)
        rows += _whole_csv_rows(name, d, at_target)
        rows += _server_rows(name, d, d.exponent == largest, settings)
    rows += _growth_rows(data, settings)
    floor = next((x for x in (data[0].floor_server.records if data[0].floor_server else [])
                  if x.get("kind") == "first-render"), None)
    rows.append(Row("—", "platform floor: a one-chart Streamlit app, server start → first render", "s",
                    floor["s"] if floor else None,
                    note="the same measurement on bench/floor_app.py (a title and one 3-point Plotly chart): what "
                    "Streamlit, Plotly and Chromium cost on this machine before any of our code runs"))
    return rows


def _naive_value(values: list[float], r: TaskResult | None, q: float) -> tuple[float | None, bool]:
    if values:
        return percentile(values, q), False
    if r is not None and not r.finished and r.since_last_s > 0:
        return r.since_last_s * 1000, True  # the rerun in flight had run this long when it was stopped
    return None, False


def _rerun_rows(name: str, page: str, ours: TaskResult | None, naive: TaskResult | None, d: TierData,
                at_target: bool, settings: Settings) -> list[Row]:
    o = [x["ms"] for x in _samples(ours)]
    n = [x["ms"] for x in _samples(naive)]
    rows = []
    errors = _errors(ours)
    note = f"n = {len(o)} ours" + (f", {len(n)} naive" if naive is not None else "")
    if naive is not None and n and not naive.finished:
        note += f" (naive budget {d.naive_budget_s:.0f} s)"
    if errors:
        note += f"; ours errors: {errors[0][:80]}"
    for q, label, limit in ((0.5, "p50", 100), (0.95, "p95", 250)):
        ov = percentile(o, q) if o else None
        ours_lb = False
        if ov is None and ours is not None and not ours.finished:
            ov, ours_lb = ours.since_last_s * 1000, True
        nv, lb = _naive_value(n, naive, q) if naive is not None else (None, False)
        row = Row(name, f"rerun after a filter change, {label}: {page}", "ms", ov, nv, note=note,
                  naive_lower_bound=lb, ours_lower_bound=ours_lb)
        if at_target:
            row.target = f"≤ {limit} ms" + (", ≥ 10× naive" if naive is not None else "")
            ok = ov is not None and not ours_lb and ov <= limit and len(o) >= min(10, settings.reruns)
            if naive is not None:
                ok = ok and row.ratio is not None and row.ratio >= 10
            row.passed = ok
        rows.append(row)
    return rows


def _query_rows(name: str, page: str, ours: TaskResult | None, naive: TaskResult | None) -> list[Row]:
    rows = []
    for chart, names in CHART_QUERIES.get(page, {}).items():
        o = [v for v in (_chart_query_ms(x, names) for x in _samples(ours)) if v is not None]
        if not o:
            continue
        n: list[float] = []
        if naive is not None and chart in NAIVE_CHARTS.get(page, ()):
            n = [_naive_chart_ms(x, chart) for x in _samples(naive)]
        rows.append(Row(name, f"query time p50: {page} / {chart}", "ms", percentile(o, 0.5),
                        percentile(n, 0.5) if n else None,
                        note=f"p95 {percentile(o, 0.95):.0f} ms; {' + '.join(names)}"
                        + ("; naive: whole-table loads + pandas filter" if n else "")))
    return rows


def _chart_rows(name: str, page: str, ours: TaskResult | None, naive: TaskResult | None) -> list[Row]:
    rows = []
    sizes: dict[str, int] = {}
    for x in _samples(ours) + _samples(ours, "search"):
        for chart, size in x["charts"].items():
            sizes[chart] = max(sizes.get(chart, 0), size)
    naive_sizes: dict[str, int] = {}
    for x in _samples(naive) + _samples(naive, "search"):
        for chart, size in x["charts"].items():
            naive_sizes[chart] = max(naive_sizes.get(chart, 0), size)
    for chart, size in sorted(sizes.items()):
        rows.append(Row(name, f"chart JSON, largest: {page} / {chart}", "B", float(size),
                        float(naive_sizes[chart]) if chart in naive_sizes else None, target="≤ 1 MB",
                        passed=size <= 1_000_000))
    return rows


def _download_rows(name: str, page: str, ours: TaskResult | None, naive: TaskResult | None) -> list[Row]:
    rows = []
    samples = _samples(ours)
    if samples:
        eager = max(x["eager"] for x in samples)
        deferred = max(x["deferred"] for x in samples)
        naive_eager = max((x["eager"] for x in _samples(naive)), default=None) if naive is not None else None
        naive_cost = [sum(s["ms"] for s in x["steps"] if s.get("kind") in ("csv", "json", "whole-csv"))
                      for x in _samples(naive)]
        rows.append(Row(name, f"downloads built in a rerun without a click: {page}", "n", float(eager),
                        None if naive_eager is None else float(naive_eager), target="0", passed=eager == 0,
                        note=f"ours: {deferred} download buttons, built on click"
                        + (f"; naive spends {percentile(naive_cost, 0.5):.0f} ms per rerun building them"
                           if naive_cost else "")))
    clicks = [x for x in (ours.records if ours else []) if x.get("kind") == "download"]
    if clicks:
        worst = max(clicks, key=lambda x: x["ms"])
        naive_csv = [s["ms"] for x in _samples(naive) for s in x["steps"] if s.get("kind") == "csv"]
        rows.append(Row(name, f"download build on click (CSV), slowest card: {page}", "ms", worst["ms"],
                        max(naive_csv) if naive_csv else None,
                        note=f"{worst['key']}, {worst['lines'] - 1:,} rows" if worst.get("lines") else worst["key"]))
    return rows


def _search_rows(name: str, ours: TaskResult | None, naive: TaskResult | None, d: TierData,
                 at_target: bool) -> list[Row]:
    o = _samples(ours, "search")
    n = _samples(naive, "search")
    if not o:
        return []
    rows = []
    for q, label in ((0.5, "p50"), (0.95, "p95")):
        nv, lb = _naive_value([x["ms"] for x in n], naive, q) if naive is not None else (None, False)
        row = Row(name, f"quote text search, page rerun {label}", "ms", percentile([x["ms"] for x in o], q), nv,
                  naive_lower_bound=lb, note=f"n = {len(o)} searches ({SEARCH_SCOPE['team']}, every season)")
        if at_target and label == "p95":
            row.target, row.passed = "≤ 200 ms", row.ours is not None and row.ours <= 200
        rows.append(row)
    search_ms = [sum(qq["ms"] for qq in x["queries"] if qq.get("search")) for x in o]
    naive_search = [sum(s["ms"] for s in x["steps"] if s.get("name") == "filter search") for x in n]
    rows.append(Row(name, "quote text search, queries p95 (full-text index)", "ms", percentile(search_ms, 0.95),
                    percentile(naive_search, 0.95) if naive_search else None,
                    note="every query of the rerun that carries the words; naive: pandas str.contains after its loads"))
    return rows


def _whole_csv_rows(name: str, d: TierData, at_target: bool) -> list[Row]:
    rows = []
    naive_over = _samples(d.naive.get("overview"))
    for x in _samples(d.downloads, "whole-csv"):
        naive_ms = None
        if x["table"] == "matches" and naive_over:
            naive_ms = statistics.median(
                sum(s["ms"] for s in y["steps"] if s["name"] in ("load match", "whole table matches"))
                for y in naive_over)
        row = Row(name, f"whole-table CSV on click: {x['table']}", "ms", x["ms"], naive_ms,
                  note=f"{x['rows']:,} rows, {x['bytes'] / 1e6:.0f} MB"
                  + ("; naive: load as objects + to_csv, on every rerun" if naive_ms else ""))
        if at_target and x["rows"] >= 1_000_000:
            row.target, row.passed = "≤ 3 s", x["ms"] <= 3000
        rows.append(row)
    return rows


def _server_rows(name: str, d: TierData, largest: bool, settings: Settings) -> list[Row]:
    rows = []
    first: dict[str, dict[str, Any]] = {}
    sessions: dict[str, list[dict[str, Any]]] = {}
    results = {"ours": d.ours_server, "naive": d.naive_server}
    for app, r in results.items():
        recs = r.records if r else []
        found = [x for x in recs if x.get("kind") == "first-render"]
        if found:
            first[app] = found[0]
        sessions[app] = [x for x in recs if x.get("kind") == "session"]
    o, n = first.get("ours"), first.get("naive")
    naive_r = results["naive"]
    n_lb = n is None and naive_r is not None and not naive_r.finished
    note = ""
    if o:
        m = o.get("marks") or {}
        ready = next((x["s"] for x in (d.ours_server.records if d.ours_server else []) if x.get("kind") == "ready"), 0)
        note = (f"ours: server ready {ready:.1f} s, page shell {m.get('app', 0) / 1000:.1f} s, "
                f"script done {m.get('script', 0) / 1000:.1f} s, first chart drawn {m.get('chart', 0) / 1000:.1f} s "
                "after the browser asked")
    errors = [r.error for r in results.values() if r and r.error]
    if errors:
        note += f"; error: {errors[0][:100]}"
    row = Row(name, "server start → first complete render (Chromium)", "s", o["s"] if o else None,
              n["s"] if n else (naive_r.elapsed_s if n_lb and naive_r else None), note=note, naive_lower_bound=n_lb)
    if largest and d.exponent >= 6:
        row.target, row.passed = "≤ 3 s", o is not None and o["s"] <= 3
    rows.append(row)
    for k in (1, settings.sessions):
        ov = next((x["rss"] / 1e6 for x in sessions.get("ours", []) if x["n"] == k), None)
        nv_rec = [x for x in sessions.get("naive", []) if x["n"] <= k]
        nv = nv_rec[-1]["rss"] / 1e6 if nv_rec else None
        note = ""
        if nv_rec and nv_rec[-1]["n"] < k:
            note = f"naive: after {nv_rec[-1]['n']} session(s), the rest did not fit in its budget"
        rows.append(Row(name, f"server memory (RSS) after {k} session{'s' if k > 1 else ''}", "MB", ov, nv,
                        note=note, naive_lower_bound=bool(note)))
    return rows


def _growth_rows(data: list[TierData], settings: Settings) -> list[Row]:
    if len(data) < 2:
        return []
    small, large = min(data, key=lambda d: d.exponent), max(data, key=lambda d: d.exponent)
    rows = []
    for page in settings.ours_pages:
        a = [x["ms"] for x in _samples(small.ours.get(page))]
        b = [x["ms"] for x in _samples(large.ours.get(page))]
        if not a or not b:
            continue
        growth = percentile(b, 0.5) / percentile(a, 0.5)
        na = [x["ms"] for x in _samples(small.naive.get(page))]
        nb = [x["ms"] for x in _samples(large.naive.get(page))]
        naive_growth = percentile(nb, 0.5) / percentile(na, 0.5) if na and nb else None
        rows.append(Row(f"{small.tier.name}→{large.tier.name}", f"rerun p50 growth: {page}", "x", growth, naive_growth,
                        target="< 2×", passed=growth < 2 if large.exponent >= 6 and small.exponent <= 4 else None))
    return rows


# --- the table ---------------------------------------------------------------------------------

def _fmt(value: float | None, unit: str, lower_bound: bool = False) -> str:
    if value is None:
        return "—"
    prefix = "> " if lower_bound else ""
    if unit == "ms":
        text = f"{value / 1000:.1f} s" if value >= 10_000 else f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    elif unit == "s":
        text = f"{value:.1f} s"
    elif unit == "B":
        text = f"{value / 1e6:.2f} MB" if value >= 1e6 else f"{value / 1e3:.0f} kB"
    elif unit == "MB":
        text = f"{value:,.0f} MB"
    elif unit == "x":
        text = f"{value:.2f}×"
    else:
        text = f"{value:,.0f}"
    return prefix + text


def table(rows: list[Row]) -> str:
    header = "| tier | metric | ours | naive | naive ÷ ours | target | pass |\n|---|---|---|---|---|---|---|\n"
    lines = []
    for r in rows:
        ratio = r.ratio
        if ratio is None or (r.unit in ("x", "n") and r.metric.startswith("dataset")):
            ratio_text = "—"
        else:
            ratio_text = ("≥ " if r.naive_lower_bound else "") + (f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.1f}×")
        if r.unit == "n" and r.metric.startswith("downloads"):
            ratio_text = "—"
        passed = "" if r.passed is None else ("pass" if r.passed else "**FAIL**")
        lines.append(f"| {r.tier} | {r.metric} | {_fmt(r.ours, r.unit, r.ours_lower_bound)} | "
                     f"{_fmt(r.naive, r.unit, r.naive_lower_bound)} | {ratio_text} | {r.target} | {passed} |")
    return header + "\n".join(lines) + "\n"


def notes(rows: list[Row]) -> str:
    out = [f"- {r.tier} · {r.metric}: {r.note}" for r in rows if r.note]
    return "\n".join(out) + "\n"


def machine() -> str:
    import platform

    import psutil

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{len(_cores())} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
            f"Python {platform.python_version()}")


def report(rows: list[Row], settings: Settings, wall_s: float) -> str:
    failed = [r for r in rows if r.passed is False]
    checked = [r for r in rows if r.passed is not None]
    return (
        f"# Benchmark: the real app against the naive baseline\n\n"
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {machine()}; tiers "
        f"{', '.join(f'10^{e}' for e in settings.tiers)}, seed {settings.seed}, {settings.reruns} filter changes "
        f"per page, {settings.sessions} browser sessions; wall time {wall_s / 60:.1f} min."
        f"{' Smoke run: the figures check that the benchmark works, not the targets.' if settings.smoke else ''}\n\n"
        f"Targets: {len(checked) - len(failed)} of {len(checked)} met."
        + (f" Missed: {'; '.join(f'{r.tier} {r.metric}' for r in failed)}." if failed else "") + "\n\n"
        + table(rows)
        + "\n## How each figure is measured\n\n"
        "- *rerun after a filter change*: `AppTest` (the script runs in-process, so this is server time), one "
        "process per page; each rerun changes the team and the date range to a combination not seen before "
        "(campaign, every season from 2010, a decade), so no query result is cached. Ours: first run and one "
        "warm-up rerun not counted. Naive (it caches nothing): its first run already carries a filter from the "
        "URL and counts. Ours on one core, naive on the other, at the same time.\n"
        "- *query time*: the analytics queries the page called during the rerun, timed around each call "
        "(outermost calls only), summed per chart; naive: its whole-table loads plus the pandas step for that chart.\n"
        "- *chart JSON*: bytes of the Plotly figure JSON the server sends (`PlotlyChart.spec`), largest over all "
        "reruns and searches.\n"
        "- *downloads*: buttons whose file was built during the rerun (naive: all of them), and the time to build "
        "each deferred CSV once, as a click does; whole tables through the callable of the Sources page.\n"
        "- *server start → first complete render*: `streamlit run` spawned (server pinned to one core), headless "
        "Chromium (other core) opens the app as soon as `/_stcore/health` answers; complete = script not running, "
        "no skeleton, every Plotly chart drawn. Memory: the server's RSS after the 1st and after the last of the "
        "browser sessions, opened one after the other (each with another team in the URL) and closed.\n"
        "- A `>` figure is a lower bound: the naive baseline had not finished when its budget ran out.\n"
        "\n## Notes\n\n" + notes(rows)
    )


def write_report(text: str, directory: Path = RESULTS_DIR, rows: Sequence[Row] = ()) -> Path:
    """<timestamp>.md and latest.md in `directory`; the rows also as latest.json, for tools."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"{stamp}.md"
    path.write_text(text)
    (directory / "latest.md").write_text(text)
    records = [{**{k: v for k, v in vars(r).items()}, "ratio": r.ratio} for r in rows]
    (directory / "latest.json").write_text(json.dumps(records, indent=1, ensure_ascii=False))
    return path
