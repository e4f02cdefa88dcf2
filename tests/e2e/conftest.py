"""A real `streamlit run` against a temporary database, and Debian's Chromium driven by Playwright.

One server and one browser per test module. A page fixture records browser console
errors and failed requests and fails the test on any of them.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.app.dashboard_db import build_dashboard_db

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
# Opening a page by its path (/opponents) makes Streamlit's frontend probe the server's health
# and host config relative to that path before falling back to the root: two harmless 404s.
PATH_PROBE = re.compile(r"^http://localhost:\d+/[a-z_]+/_stcore/(health|host-config)$")

pytestmark = pytest.mark.e2e


def _chromium() -> str:
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}: CI must run the browser tests (make test installs it)")
        pytest.skip(f"Chromium is missing at {CHROMIUM}; install it with `apt-get install -y chromium` "
                    "(make test does) to run the browser tests")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    database_url: str


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    _chromium()
    db = tmp_path_factory.mktemp("e2e") / "dashboard.db"
    build_dashboard_db(db).dispose()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    log = (tmp_path_factory.mktemp("e2e-log") / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--global.developmentMode", "false", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"streamlit did not start on port {port}; see {log.name}")
        time.sleep(0.3)
    yield Server(url=url, database_url=env["DATABASE_URL"])
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Problems:
    console: list[str] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)
    allow_path_probes: bool = True  # see PATH_PROBE

    def unexpected(self) -> list[str]:
        bad_responses = [r for r in self.responses
                         if not (self.allow_path_probes and PATH_PROBE.match(r.split(" ")[1]))]
        console = self.console
        if not bad_responses:  # "Failed to load resource" lines belong to the allowed responses
            console = [c for c in console if "Failed to load resource" not in c]
        return console + bad_responses


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    tab = context.new_page()
    problems = Problems()
    tab.on("console", lambda m: problems.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.console.append(f"pageerror: {e}"))
    tab.on("response", lambda r: problems.responses.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    tab.on("requestfailed", lambda r: problems.responses.append(f"failed {r.url}"))
    tab.problems = problems
    yield tab
    context.close()
    assert not problems.unexpected(), f"browser console errors or failed requests: {problems.unexpected()}"
