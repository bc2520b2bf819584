"""Sign-in through a real identity provider, in a real headless Chromium: the dashboard served by
``streamlit run`` in ``oidc`` mode, ``oidc-provider-mock`` as the provider (see conftest.py).
A council member and a ministry user sign in on the provider's page, each sees the pages and
the data of their role, the council member cannot reach the data-quality page by its URL, and
the access audit names their roles and pseudonyms, never the people.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from roma_monitor.publish.snapshot import current_snapshot
from roma_monitor.serve.access_audit import read_access_audit
from roma_monitor.serve.i18n import t
from roma_monitor.settings import Paths
from tests.browser.conftest import dashboard_pages, new_chromium, sign_in
from tests.browser.test_screenshots import open_view

pytestmark = pytest.mark.browser

PAGES = dashboard_pages()
SIDEBAR_JS = "return document.querySelector('[data-testid=\"stSidebar\"]').innerText;"
MAIN_JS = "return document.querySelector('[data-testid=\"stMain\"]').innerText;"


@pytest.fixture(scope="module")
def browser(chromium):
    """A browser of this module's own, so the session's (signed in as the engineer) stays."""
    chrome = new_chromium(chromium)
    try:
        yield chrome
    finally:
        chrome.quit()


def _internal_published(home: Path) -> bool:
    try:
        return current_snapshot("indicators_internal", Paths(home)) is not None
    except ValueError:  # the publisher does not know the kind yet
        return False


def _audit_of(directory: Path, role: str, since: datetime | None = None):
    """The audit's records of `role` (from `since` on: other modules share the server)."""
    frame = read_access_audit(directory, since)
    return frame[frame["role"] == role]


def test_a_council_member_sees_the_public_pages_only(
    browser, dashboard_server, identity_provider, access_audit_dir
) -> None:
    started = datetime.now(UTC)
    sign_in(browser, dashboard_server, identity_provider, "padome-demo")
    state = open_view(browser, dashboard_server, "/?lang=lv")
    assert not state.exceptions and not state.dialogs
    assert state.nav == [t(p.nav_key, "lv") for p in PAGES if p.url_path != "quality"]
    sidebar = browser.execute_script(SIDEBAR_JS)
    assert t("auth.signed_in_as", "lv", role=t("auth.role.council", "lv")) in sidebar
    assert t("auth.internal_banner", "lv") not in browser.execute_script(MAIN_JS)

    # The data-quality page is not registered for the council: its URL runs the main page.
    state = open_view(browser, dashboard_server, "/quality?lang=lv")
    assert urlsplit(browser.current_url).path.strip("/") != "quality"
    assert t("quality.title", "lv") not in browser.execute_script(MAIN_JS)
    assert t(PAGES[0].nav_key, "lv") in state.nav

    views = _audit_of(access_audit_dir, "council", started)
    assert set(views["page"]) == {"overview"} and set(views["event"]) == {"view"}
    assert set(views["snapshot"]) == {"indicators"}
    assert views["who"].str.fullmatch(r"u-[a-p]+").all() and views["who"].nunique() == 1


def test_a_ministry_user_sees_every_page_and_the_internal_data(
    browser, dashboard_server, identity_provider, access_audit_dir, browser_home
) -> None:
    sign_in(browser, dashboard_server, identity_provider, "ministrija-demo")
    state = open_view(browser, dashboard_server, "/quality?lang=en")
    assert not state.exceptions and not state.dialogs
    assert state.nav == [t(p.nav_key, "en") for p in PAGES]
    assert urlsplit(browser.current_url).path.strip("/") == "quality"
    main = browser.execute_script(MAIN_JS)
    assert t("quality.title", "en") in main
    internal = _internal_published(browser_home)
    banner = t("auth.internal_banner" if internal else "auth.internal_missing", "en")
    assert banner in main
    sidebar = browser.execute_script(SIDEBAR_JS)
    assert t("auth.signed_in_as", "en", role=t("auth.role.ministry", "en")) in sidebar

    views = _audit_of(access_audit_dir, "ministry")
    assert "quality" in set(views["page"])
    assert set(views["snapshot"]) == {"indicators_internal" if internal else "indicators"}
    council = _audit_of(access_audit_dir, "council")
    assert set(views["who"]).isdisjoint(council["who"])
    raw = "".join(p.read_text(encoding="utf-8") for p in access_audit_dir.iterdir())
    assert "demo" not in raw  # the subjects (padome-demo, ministrija-demo) are never written
