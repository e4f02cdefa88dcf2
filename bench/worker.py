"""One measurement in its own process: `python -m bench.worker '<json spec>'`.

Each task prints JSON lines as figures come in (so the runner keeps what was measured when a
budget runs out and it stops the process) and a final {"kind": "done"}. Tasks:

- apptest: a page of the real app ("ours") or of the naive baseline, driven with
  streamlit.testing.v1.AppTest (the script runs in this process, so the time is server time);
  filter changes, then optionally word searches; per rerun: wall time, the queries the page ran
  (ours) or the steps it timed (naive), the bytes of each chart's Plotly JSON, and how many
  downloads were built during the rerun; at the end each deferred download is built once, as a
  click would.
- download: the whole-table CSV downloads of the real app (built as a click would).
- server: `streamlit run` in a subprocess, then headless Chromium: time from the server's start to
  the first complete render, then the server's RSS after 1 and after N sessions.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINTS = {"ours": "app.py", "naive": "bench/naive_app.py", "floor": "bench/floor_app.py"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def emit(**record: Any) -> None:
    sys.stdout.write(json.dumps(record, default=str) + "\n")
    sys.stdout.flush()


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


# --- apptest ----------------------------------------------------------------------------------

def _wrap_queries(log: list[dict[str, Any]]) -> None:
    """Time every analytics query the real app's pages call (they look them up by name at call time)."""
    from analytics import queries

    depth = [0]  # queries call each other: only the outermost call is the page's query
    for name in dir(queries):
        fn = getattr(queries, name)
        defined_here = getattr(fn, "__module__", "").startswith(queries.__name__ + ".")
        if name.startswith("_") or not callable(fn) or not defined_here:
            continue

        def timed(*args: Any, _fn: Callable[..., Any] = fn, _name: str = name, **kwargs: Any) -> Any:
            started = time.perf_counter()
            depth[0] += 1
            try:
                return _fn(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    log.append({"name": _name, "ms": (time.perf_counter() - started) * 1000,
                                "limit": kwargs.get("limit"), "search": bool(kwargs.get("search"))})

        setattr(queries, name, timed)


def _wrap_downloads(seen: list[dict[str, Any]]) -> None:
    """Note every download button: was its file built during the rerun (bytes) or deferred (callable)?"""
    import streamlit as st

    original = st.download_button

    def download_button(label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append({"key": kwargs.get("key") or label, "deferred": callable(data), "data": data,
                     "file_name": kwargs.get("file_name")})
        return original(label, data, *args, **kwargs)

    st.download_button = download_button


def _chart_sizes(at: Any) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for element in at.get("plotly_chart"):
        ident = element.proto.id
        key = ident.split("-", 2)[-1] if ident.startswith("$$ID-") else ident
        key = key.removeprefix("chart-")
        sizes[key] = len(element.proto.spec.encode("utf-8"))
    return sizes


def _set_filters(at: Any, state: dict[str, Any]) -> None:
    at.selectbox(key="team").set_value(state["team"])
    at.date_input(key="dates").set_value((_date(state["date_from"]), _date(state["date_to"])))


def apptest(spec: dict[str, Any]) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{spec['db']}"
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    # What a running server has imported long before any rerun: keep it out of the first sample.
    import pandas  # noqa: F401
    import plotly.express
    import plotly.graph_objects  # noqa: F401
    import sqlmodel  # noqa: F401
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    ours = spec["app"] == "ours"
    queries: list[dict[str, Any]] = []
    buttons: list[dict[str, Any]] = []
    if ours:
        import analytics.charts  # noqa: F401
        import ui.data  # noqa: F401

        _wrap_queries(queries)
        events: list[dict[str, Any]] = []
    else:
        import bench.naive_lib as naive

        events = naive.EVENTS
    _wrap_downloads(buttons)

    at = AppTest.from_file(str(ROOT / ENTRYPOINTS[spec["app"]]), default_timeout=spec.get("timeout", 3600))
    states: list[dict[str, Any]] = spec["states"]
    if spec.get("first_from_url"):
        # The naive app caches nothing, so its first run with a filter costs what a rerun does;
        # the filter comes from the URL, as when a shared link is opened.
        first = states[0]
        at.query_params["team"] = first["team"]
        at.query_params["dates"] = [first["date_from"], first["date_to"]]
        measured = states
    else:
        measured = states[1:]
    if spec.get("page"):
        at.switch_page(spec["page"])

    def run(kind: str, label: str) -> None:
        queries.clear()
        buttons.clear()
        del events[:]
        started = time.perf_counter()
        at.run()
        ms = (time.perf_counter() - started) * 1000
        errors = [str(e.message) for e in at.exception]
        emit(kind=kind, label=label, ms=ms, charts=_chart_sizes(at), queries=list(queries),
             steps=[{k: v for k, v in e.items()} for e in events],
             eager=sum(1 for b in buttons if not b["deferred"]), deferred=sum(1 for b in buttons if b["deferred"]),
             error=errors[0] if errors else None)

    if spec.get("first_from_url"):
        run("rerun", f"{states[0]['team']} {states[0]['date_from']}..{states[0]['date_to']}")
    else:
        run("first", "default filters")
        _set_filters(at, states[0])  # warm-up: lazy imports and first-use costs stay out of the samples
        run("warmup", "warm-up")
    for state in measured[1:] if spec.get("first_from_url") else measured:
        _set_filters(at, state)
        run("rerun", f"{state['team']} {state['date_from']}..{state['date_to']}")

    words: list[str] = spec.get("search_words") or []
    if words:
        _set_filters(at, spec["search_state"])
        run("warmup", "search scope")
        for word in words:
            at.text_input(key="q").input(word)
            run("search", word)

    if ours and spec.get("downloads"):
        # Build each deferred CSV of the last rerun once, as a click does.
        for button in list(buttons):
            if button["deferred"] and str(button["key"]).startswith("csv-"):
                started = time.perf_counter()
                data = button["data"]()
                emit(kind="download", key=button["key"], ms=(time.perf_counter() - started) * 1000,
                     bytes=len(data), lines=data.count(b"\n") if isinstance(data, bytes) else None)
    st.cache_data.clear()
    emit(kind="done")


# --- whole-table downloads -------------------------------------------------------------------

def download(spec: dict[str, Any]) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{spec['db']}"
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import ui.data

    ui.data.whole_table_csv("competitions")  # a running server already has its engine and modules
    for table in spec["tables"]:
        started = time.perf_counter()
        data = ui.data.whole_table_csv(table)
        emit(kind="whole-csv", table=table, ms=(time.perf_counter() - started) * 1000, bytes=len(data),
             rows=data.count(b"\n") - 1)
    emit(kind="done")


# --- server + browser --------------------------------------------------------------------------

_COMPLETE = """(minCharts) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (document.querySelector('[data-testid="stException"]')) return 'exception';
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  if (charts.length < minCharts) return false;
  return Array.from(charts).every(c => c.querySelector('.main-svg'));
}"""


# Marks, in ms since navigation start, of what the browser shows (for the breakdown in the results).
_MARKS = """
window.__benchMarks = {};
const __benchTimer = setInterval(() => {
  const m = window.__benchMarks, now = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  if (app && m.app === undefined) m.app = now;
  if (app && app.getAttribute('data-test-script-state') === 'notRunning' && m.script === undefined) m.script = now;
  if (document.querySelector('[data-testid="stPlotlyChart"] .main-svg') && m.chart === undefined) {
    m.chart = now;
    clearInterval(__benchTimer);
  }
}, 25);
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_complete(page: Any, min_charts: int, timeout_s: float) -> None:
    result = page.wait_for_function(_COMPLETE, arg=min_charts, timeout=timeout_s * 1000, polling=50)
    if result.json_value() == "exception":
        raise RuntimeError("the page shows an exception")


def server(spec: dict[str, Any]) -> None:
    import urllib.request

    import psutil
    from playwright.sync_api import sync_playwright

    cores = set(os.sched_getaffinity(0))
    pin = spec.get("pin", True) and len(cores) > 1
    server_cores, browser_cores = ({min(cores)}, cores - {min(cores)}) if pin else (cores, cores)
    os.sched_setaffinity(0, browser_cores)
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{spec['db']}", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "streamlit", "run", ENTRYPOINTS[spec["app"]], "--server.headless", "true",
               "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
               "--global.developmentMode", "false", "--server.runOnSave", "false"]
    timeout_s = float(spec.get("render_timeout", 600))
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None,
                                    args=CHROMIUM_ARGS)
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                preexec_fn=lambda: os.sched_setaffinity(0, server_cores))
        emit(kind="server-pid", pid=proc.pid)
        try:
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(0.05)
            emit(kind="ready", s=time.perf_counter() - started)
            rss = psutil.Process(proc.pid)
            urls: list[str] = spec["urls"]
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.add_init_script(_MARKS)
            for n, url in enumerate(urls, 1):
                page = context.new_page()
                goto = time.perf_counter()
                page.goto(base + url, wait_until="commit")
                _wait_complete(page, spec.get("min_charts", 1), timeout_s)
                if n == 1:
                    emit(kind="first-render", s=time.perf_counter() - started, goto_s=goto - started,
                         marks=page.evaluate("window.__benchMarks"))
                page.close()
                time.sleep(0.3)
                emit(kind="session", n=n, rss=rss.memory_info().rss)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
            browser.close()
    emit(kind="done")


TASKS: dict[str, Callable[[dict[str, Any]], None]] = {"apptest": apptest, "download": download, "server": server}

if __name__ == "__main__":
    task = json.loads(sys.argv[1])
    try:
        TASKS[task["task"]](task)
    except Exception as exc:  # reported, not raised: the runner records what failed and goes on
        emit(kind="error", error=f"{exc.__class__.__name__}: {exc}"[:2000])
        raise SystemExit(1) from exc
