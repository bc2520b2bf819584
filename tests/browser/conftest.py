"""Fixtures for the browser tests: a published sample home, a local OpenID Connect provider
(``oidc-provider-mock``, a dev dependency) with one demo user per role, the dashboard served by
a real ``streamlit run`` on a free port in ``oidc`` mode, and one headless Chromium driving it,
signed in as the data engineer (who sees every page with the public figures).

Chromium and chromedriver are Debian packages (``make browser`` installs them). Selenium is told
exactly where both are, so Selenium Manager never runs and nothing is downloaded. Without
Chromium the tests are skipped, except in CI (``CI`` set), where a missing browser is a failure.

``ROMA_BROWSER_HOME`` may name an already published data home (used read-only) to skip the
~65 s sample build while working on the pages.
"""

from __future__ import annotations

import ast
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from roma_monitor.sample.home import publish_sample_home
from roma_monitor.settings import Paths, write_streamlit_auth_secrets
from tests.local_servers import free_port, responds

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP_FILE = PROJECT_ROOT / "dashboard" / "streamlit_app.py"
WINDOW = (1400, 1000)
MAX_SCREENSHOT_HEIGHT = 16000
SERVER_START_TIMEOUT = 60.0
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "/usr/bin/chromium")
CHROMEDRIVER_CANDIDATES = ("chromedriver", "/usr/bin/chromedriver")
SIGN_IN_TIMEOUT = 30.0
# The identity provider's users: subject → the roles claim (the subjects are not personal data).
DEMO_USERS = {
    "ministrija-demo": ["ministry"],
    "padome-demo": ["council"],
    "inzenieris-demo": ["engineer"],
    "bez-lomas-demo": ["visitor"],
}


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


@dataclass(frozen=True)
class Server:
    url: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


@contextmanager
def _serve(
    command: list[str], url: str, ready: str, log: Path, env: dict[str, str]
) -> Iterator[Server]:
    """Run ``command`` until the block ends; wait until ``url + ready`` answers 200."""
    server = Server(url, log)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not responds(f"{url}{ready}"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{command[:3]} did not start on {url}:\n{server.log_tail()}")
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
def identity_provider(chromium: Chromium, tmp_path_factory) -> Iterator[Server]:
    """``oidc-provider-mock`` on a free port with ``DEMO_USERS`` (one click each on its page)."""
    port = free_port()
    command = [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)]
    for subject, roles in DEMO_USERS.items():
        command += ["--user-claims", json.dumps({"sub": subject, "roles": roles})]
    log = tmp_path_factory.mktemp("idp") / "idp.log"
    url = f"http://127.0.0.1:{port}"
    with _serve(command, url, "/.well-known/openid-configuration", log, dict(os.environ)) as idp:
        yield idp


@pytest.fixture(scope="session")
def access_audit_dir(tmp_path_factory) -> Path:
    """Where the served dashboard writes its access audit (never into the data home)."""
    return tmp_path_factory.mktemp("access_audit")


@pytest.fixture(scope="session")
def dashboard_server(
    browser_home: Path, identity_provider: Server, access_audit_dir: Path, tmp_path_factory
) -> Iterator[Server]:
    """``streamlit run`` of the real entry file on a free port, ROMA_HOME at the sample, sign-in
    through ``identity_provider``; the [auth] secrets are written from the environment into a
    file of the test's own, as scripts/demo.sh does."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    work = tmp_path_factory.mktemp("streamlit")
    env = {
        **os.environ,
        "ROMA_HOME": str(browser_home),
        "ROMA_AUTH": "oidc",
        "ROMA_AUDIT_DIR": str(access_audit_dir),
        "ROMA_AUDIT_KEY": secrets.token_hex(16),
        "ROMA_OIDC_CLIENT_ID": "roma-dashboard-tests",
        "ROMA_OIDC_CLIENT_SECRET": secrets.token_hex(16),
        "ROMA_OIDC_METADATA_URL": f"{identity_provider.url}/.well-known/openid-configuration",
        "ROMA_OIDC_REDIRECT_URI": f"{url}/oauth2callback",
        "ROMA_OIDC_COOKIE_SECRET": secrets.token_hex(32),
    }
    env.pop("ROMA_SUPPRESSION_THRESHOLD", None)
    secrets_file = write_streamlit_auth_secrets(work / "secrets.toml", env)
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
        "--secrets.files",
        str(secrets_file),
    ]
    with _serve(command, url, "/_stcore/health", work / "server.log", env) as server:
        yield server


def new_chromium(chromium: Chromium):
    """A headless Chromium, 1400×1000 (screenshots stretch it to the page)."""
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
    return browser


def _wait_for(condition, what: str, server: Server) -> None:
    deadline = time.monotonic() + SIGN_IN_TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"sign-in: {what} did not happen.\nServer log:\n{server.log_tail()}")
        time.sleep(0.2)


def sign_in(
    browser, server: Server, identity_provider: Server, subject: str, path: str = "/"
) -> None:
    """Sign in as ``subject`` the way a person does: open ``path`` signed out, the dashboard's
    sign-in button, then the user's button on the identity provider's page; back on the
    dashboard, signed in."""
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(f"{server.url}{path}")

    def sign_in_button():
        buttons = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stMain"] button')
        return next((b for b in buttons if b.is_displayed() and b.text.strip()), None)

    _wait_for(lambda: sign_in_button() is not None, "the sign-in page", server)
    sign_in_button().click()
    _wait_for(lambda: browser.current_url.startswith(identity_provider.url), "the IdP page", server)
    browser.find_element(By.CSS_SELECTOR, f'button[name="sub"][value="{subject}"]').click()
    _wait_for(lambda: browser.current_url.startswith(server.url), "the return", server)
    _wait_for(
        lambda: any(c["name"] == "_streamlit_user" for c in browser.get_cookies()),
        "the identity cookie",
        server,
    )


@pytest.fixture(scope="session")
def driver(chromium: Chromium, dashboard_server: Server, identity_provider: Server):
    """One headless Chromium for the session, signed in as the data engineer."""
    browser = new_chromium(chromium)
    try:
        sign_in(browser, dashboard_server, identity_provider, "inzenieris-demo")
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
