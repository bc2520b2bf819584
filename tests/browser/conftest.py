"""Fixtures for the browser tests: a published sample home, the dashboard served by a real
``streamlit run`` on a free port, and one headless Chromium driving it.

Chromium and chromedriver are Debian packages (``make browser`` installs them). Selenium is told
exactly where both are, so Selenium Manager never runs and nothing is downloaded. Without
Chromium the tests are skipped, except in CI (``CI`` set), where a missing browser is a failure.

``ROMA_BROWSER_HOME`` may name an already published data home (used read-only) to skip the
~65 s sample build while working on the pages.
"""

from __future__ import annotations

import ast
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from roma_monitor.sample.home import publish_sample_home
from roma_monitor.settings import Paths

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP_FILE = PROJECT_ROOT / "dashboard" / "streamlit_app.py"
WINDOW = (1400, 1000)
MAX_SCREENSHOT_HEIGHT = 16000
SERVER_START_TIMEOUT = 60.0
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")
CHROMEDRIVER_CANDIDATES = ("chromedriver", "/usr/bin/chromedriver")


@dataclass(frozen=True)
class DashboardPage:
    """One entry of ``PAGES`` in the entry file: the page file, its URL path, its nav key."""

    file: str
    url_path: str
    nav_key: str


def dashboard_pages(app_file: Path = APP_FILE) -> list[DashboardPage]:
    """The pages the entry file registers, read from its ``PAGES`` literal without running it
    (importing the entry file would start a Streamlit script run)."""
    tree = ast.parse(app_file.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets
        ):
            return [DashboardPage(f, p, k) for f, p, k, *_ in ast.literal_eval(node.value)]
    raise LookupError(f"no PAGES list in {app_file.name}")


def _first_executable(candidates: tuple[str, ...]) -> str | None:
    for name in filter(None, candidates):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Chromium:
    binary: str
    driver: str


def find_chromium() -> Chromium | None:
    """Chromium and chromedriver: ``$CHROMIUM_BINARY`` / ``$CHROMEDRIVER``, else on PATH, else
    where Debian's packages put them."""
    binary = _first_executable((os.environ.get("CHROMIUM_BINARY", ""), *CHROMIUM_CANDIDATES))
    driver = _first_executable((os.environ.get("CHROMEDRIVER", ""), *CHROMEDRIVER_CANDIDATES))
    return Chromium(binary, driver) if binary and driver else None


@pytest.fixture(scope="session")
def chromium() -> Chromium:
    """Where Chromium and chromedriver are; skip when missing, but fail in CI (``CI`` set),
    where the browser tests must run."""
    found = find_chromium()
    if found is not None:
        return found
    reason = "chromium or chromedriver not found: run `make browser` (Debian packages chromium,"
    reason += " chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"CI needs headless Chromium: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_home(chromium: Chromium, request, tmp_path_factory) -> Path:
    """A published data home with every source, used read-only: ``$ROMA_BROWSER_HOME``, else
    the session's shared ``sample_home_paths`` where a conftest above this one offers it (one
    ~65 s build for the whole run), else one built here."""
    existing = os.environ.get("ROMA_BROWSER_HOME")
    if existing:
        return Path(existing).resolve()
    try:
        return request.getfixturevalue("sample_home_paths").home
    except pytest.FixtureLookupError:
        pass
    return publish_sample_home(Paths(tmp_path_factory.mktemp("browser_home") / "home")).home


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:  # refused, reset, timed out: not up yet
        return False


@dataclass(frozen=True)
class DashboardServer:
    url: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


@pytest.fixture(scope="session")
def dashboard_server(browser_home: Path, tmp_path_factory) -> Iterator[DashboardServer]:
    """``streamlit run`` of the real entry file on a free port, ROMA_HOME at the sample."""
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "ROMA_HOME": str(browser_home)}
    env.pop("ROMA_SUPPRESSION_THRESHOLD", None)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_FILE),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    server = DashboardServer(f"http://127.0.0.1:{port}", log)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _healthy(server.url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start on port {port}:\n{server.log_tail()}")
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def driver(chromium: Chromium, dashboard_server: DashboardServer):
    """One headless Chromium for the session, 1400×1000 (screenshots stretch it to the page)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium.binary
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI containers run as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--lang=lv",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(executable_path=chromium.driver), options=options)
    browser.set_page_load_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """``$SCREENSHOT_DIR`` (``make screenshots`` sets var/screenshots), else a pytest tmp dir."""
    configured = os.environ.get("SCREENSHOT_DIR")
    directory = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory
