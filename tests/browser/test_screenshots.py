"""Every dashboard page in a real headless Chromium, in both languages: the app finishes its
run without a Streamlit exception box, the navigation speaks the page's language, URL filters
reach the widgets, and a full-page screenshot of each view is saved (``$SCREENSHOT_DIR``).

AppTest (tests/dashboard) checks the figures; this checks what AppTest cannot see: the
frontend actually renders the pages (charts, maps, tables) served by ``streamlit run``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.serve.formatting import NBSP, format_month
from roma_monitor.serve.i18n import t
from roma_monitor.settings import Paths
from tests.browser.conftest import (
    MAX_SCREENSHOT_HEIGHT,
    WINDOW,
    DashboardPage,
    dashboard_pages,
    new_chromium,
    sign_in,
)

pytestmark = pytest.mark.browser

PAGES = dashboard_pages()
LANGS = ("lv", "en")
READY_TIMEOUT = 30.0
POLL_SECONDS = 0.25
SETTLE_POLLS = 3  # consecutive "ready" polls before the view counts as finished

# What the frontend shows, read in one round trip. The app root carries the script run state
# and the connection state as attributes (Streamlit's own end-to-end tests wait on them).
STATE_JS = """
const app = document.querySelector('[data-testid="stApp"]');
const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
return {
  script: app ? app.getAttribute('data-test-script-state') : null,
  connection: app ? app.getAttribute('data-test-connection-state') : null,
  heading: !!document.querySelector('[data-testid="stMain"] h1'),
  busy: document.querySelectorAll('[data-testid="stSpinner"], [data-testid="stSkeleton"]')
    .length + charts.filter(c => !c.querySelector('canvas, svg')).length,
  exceptions: [...document.querySelectorAll('[data-testid="stException"]')]
    .map(e => e.innerText),
  dialogs: [...document.querySelectorAll('[role="dialog"]')].map(e => e.innerText),
  nav: [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')]
    .map(e => e.innerText.trim().split('\\n').pop().trim()),
};
"""

MAIN_TEXT_JS = "return document.querySelector('[data-testid=\"stMain\"]').innerText;"

HEIGHT_JS = """
const heights = ['stMain', 'stSidebarContent', 'stAppViewContainer']
  .map(id => document.querySelector(`[data-testid="${id}"]`))
  .filter(Boolean).map(e => e.scrollHeight);
return Math.max(document.documentElement.scrollHeight, ...heights);
"""


@dataclass
class ViewState:
    script: str | None = None
    connection: str | None = None
    heading: bool = False
    busy: int = 0
    exceptions: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    nav: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        """The script ran to its end and the frontend drew it (or showed an exception)."""
        if self.script != "notRunning" or self.connection != "CONNECTED":
            return False
        return bool(self.exceptions or self.dialogs) or (self.heading and self.busy == 0)


def open_view(driver, server, path: str) -> ViewState:
    """Load ``path`` and wait until the run is over and the view has been stable for a few
    polls (a run can start again right after the first one, e.g. when the URL is rewritten)."""
    driver.get(f"{server.url}{path}")
    return wait_until_drawn(driver, server, path)


def wait_until_drawn(driver, server, path: str) -> ViewState:
    """Wait until the script run is over and the view has been stable for a few polls."""
    deadline = time.monotonic() + READY_TIMEOUT
    stable = 0
    state = ViewState()
    while stable < SETTLE_POLLS:
        if time.monotonic() > deadline:
            pytest.fail(
                f"{path} did not finish within {READY_TIMEOUT:.0f} s (last state: {state}).\n"
                f"Server log:\n{server.log_tail()}"
            )
        time.sleep(POLL_SECONDS)
        state = ViewState(**driver.execute_script(STATE_JS))
        stable = stable + 1 if state.finished else 0
    return state


def assert_no_exception(state: ViewState, path: str, server) -> None:
    """No exception box in the page and no error dialog from Streamlit itself (connection
    lost, page not found)."""
    assert not state.exceptions, (
        f"Streamlit exception box on {path}:\n"
        + "\n---\n".join(state.exceptions)
        + f"\n\nServer log:\n{server.log_tail()}"
    )
    assert not state.dialogs, f"Streamlit error dialog on {path}:\n" + "\n---\n".join(state.dialogs)


def page_url(page: DashboardPage) -> str:
    """The URL path a page is served at: the first (default) page lives at the root, its
    url_path is not routed."""
    return "" if page == PAGES[0] else page.url_path


def save_full_page(driver, target: Path) -> Path:
    """Stretch the viewport to the content's height (Streamlit scrolls inside its main block,
    so the document itself is one window tall), save the PNG, restore the window."""
    height = min(max(int(driver.execute_script(HEIGHT_JS)), WINDOW[1]), MAX_SCREENSHOT_HEIGHT)
    metrics = {"width": WINDOW[0], "height": height, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        time.sleep(0.5)  # charts re-lay out to the new viewport
        assert driver.save_screenshot(str(target)), f"could not write {target}"
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return target


# Legend labels (Vega's SVG text) shortened with "…" or reaching past their chart's box.
CUT_LEGENDS_JS = """
return [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].flatMap(chart => {
  const box = chart.getBoundingClientRect();
  return [...chart.querySelectorAll('.role-legend text')]
    .filter(e => e.textContent.trim())
    .filter(e => {
      const r = e.getBoundingClientRect();
      return e.textContent.includes('…') || r.right > box.right + 1 || r.left < box.left - 1;
    })
    .map(e => e.textContent);
});
"""


def url_path_of(driver) -> str:
    return urlsplit(driver.current_url).path.strip("/")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES, ids=[p.url_path for p in PAGES])
def test_page_renders_in_chromium(
    driver, dashboard_server, screenshot_dir, page: DashboardPage, lang: str
) -> None:
    path = f"/{page_url(page)}?lang={lang}"
    state = open_view(driver, dashboard_server, path)
    assert_no_exception(state, path, dashboard_server)
    assert url_path_of(driver) == page_url(page)
    assert state.nav == [t(p.nav_key, lang) for p in PAGES]
    shot = save_full_page(driver, screenshot_dir / f"{page.url_path}_{lang}.png")
    assert shot.stat().st_size > 10_000, f"{shot.name} looks blank"
    assert not driver.execute_script(CUT_LEGENDS_JS), f"legend labels cut on {path}"


@pytest.mark.parametrize(
    ("lang", "word", "other"), [("lv", "Pārskats", "Overview"), ("en", "Overview", "Pārskats")]
)
def test_navigation_speaks_the_language(
    driver, dashboard_server, lang: str, word: str, other: str
) -> None:
    state = open_view(driver, dashboard_server, f"/?lang={lang}")
    assert word in state.nav
    assert other not in state.nav


def _region_name(home: Path, code: str, lang: str) -> str:
    with connect_published("indicators", Paths(home)) as con:
        row = con.execute(
            f"select geo_name_{lang} from dim_geography where geo_code = ?", [code]
        ).fetchone()
    assert row, f"{code} is not in dim_geography"
    return row[0]


# Filters set in the sidebar, as the widgets show them after a run (comboboxes carry the
# chosen option as their value; the period slider shows its month above the thumb).
FILTERS_JS = """
const sidebar = document.querySelector('[data-testid="stSidebar"]');
const shown = Object.fromEntries([...sidebar.querySelectorAll('input[role="combobox"]')]
  .map(e => [e.getAttribute('aria-label'), e.value]));
const thumb = sidebar.querySelector('[data-testid="stSliderThumbValue"]');
shown.period = thumb ? thumb.innerText.trim() : null;
return shown;
"""


# The texts Vega draws as marks (not axes or legends) in the page's charts, once each.
MAP_LABELS_JS = """
const texts = [...document.querySelectorAll(
  '[data-testid="stVegaLiteChart"] g.mark-text.role-mark text')].map(e => e.textContent);
return [...new Set(texts)];
"""


def page_named(url_path: str) -> DashboardPage:
    return next((p for p in PAGES if p.url_path == url_path), PAGES[0])


def test_region_filter_from_the_url(driver, dashboard_server, browser_home, screenshot_dir):
    regions = page_named("regions")
    path = f"/{page_url(regions)}?lang=lv&region=LATGALE"
    state = open_view(driver, dashboard_server, path)
    assert_no_exception(state, path, dashboard_server)
    assert parse_qs(urlsplit(driver.current_url).query).get("region") == ["LATGALE"]
    shown = driver.execute_script(FILTERS_JS)
    assert shown.get(t("filters.region", "lv")) == _region_name(browser_home, "LATGALE", "lv")
    # the map names the planning regions on screen, as the PDF's map does
    labels = driver.execute_script(MAP_LABELS_JS)
    assert sorted(labels) == ["Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale"]
    save_full_page(driver, screenshot_dir / f"{regions.url_path}_lv_LATGALE.png")


def test_measure_and_period_filters_from_the_url(driver, dashboard_server, screenshot_dir):
    measure = page_named("measure")
    path = f"/{page_url(measure)}?lang=en&measure=8.3.3&period=2021-06"
    state = open_view(driver, dashboard_server, path)
    assert_no_exception(state, path, dashboard_server)
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query.get("measure") == ["8.3.3"] and query.get("period") == ["2021-06"]
    shown = driver.execute_script(FILTERS_JS)
    assert "8.3.3" in shown.get(t("filters.measure", "en"), "")
    assert shown["period"] == format_month("2021-06-01", "en")
    save_full_page(driver, screenshot_dir / f"{measure.url_path}_en_8.3.3_2021-06.png")


def test_clicking_the_map_filters_every_page(driver, dashboard_server, browser_home):
    """A click on an area of the regions map sets the area filter (URL and sidebar), and the
    filter stays when the reader moves to another page."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    regions = page_named("regions")
    path = f"/{page_url(regions)}?lang=lv"
    state = open_view(driver, dashboard_server, path)
    assert_no_exception(state, path, dashboard_server)
    assert "region" not in parse_qs(urlsplit(driver.current_url).query)
    chart = driver.find_element(
        By.CSS_SELECTOR,
        '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg',
    )
    # The middle of the map's drawing area lies inside Latvia (the map fills its box).
    ActionChains(driver).move_to_element(chart).click().perform()
    deadline = time.monotonic() + READY_TIMEOUT
    while "region" not in parse_qs(urlsplit(driver.current_url).query):
        if time.monotonic() > deadline:
            pytest.fail(f"clicking the map set no region filter (URL {driver.current_url})")
        time.sleep(POLL_SECONDS)
    clicked = urlsplit(driver.current_url)
    code = parse_qs(clicked.query)["region"][0]
    state = open_view(driver, dashboard_server, f"{clicked.path}?{clicked.query}")
    assert_no_exception(state, path, dashboard_server)
    name = _region_name(browser_home, code, "lv")
    assert driver.execute_script(FILTERS_JS).get(t("filters.region", "lv")) == name
    # The overview, reached through the sidebar, shows the same area.
    driver.find_element(By.CSS_SELECTOR, '[data-testid="stSidebarNavLink"]').click()
    deadline = time.monotonic() + READY_TIMEOUT
    while driver.execute_script(FILTERS_JS).get(t("filters.region", "lv")) != name:
        if time.monotonic() > deadline:
            pytest.fail(f"the overview lost the area filter {code} ({driver.current_url})")
        time.sleep(POLL_SECONDS)
    assert parse_qs(urlsplit(driver.current_url).query).get("region") == [code]


# --- a shared link opened before sign-in -------------------------------------------------------

SHARED_LINK = {"lang": "en", "measure": "9.1.4.4", "region": "LATGALE", "period": "2021-06"}


@pytest.fixture
def signed_out_browser(chromium):
    """A browser of its own with no identity cookie (the session's is signed in)."""
    chrome = new_chromium(chromium)
    try:
        yield chrome
    finally:
        chrome.quit()


def test_a_link_opened_before_sign_in_survives_it(
    signed_out_browser, dashboard_server, identity_provider, browser_home, screenshot_dir
) -> None:
    """Defect 7: a colleague not yet signed in opens a shared link; after the identity
    provider's round trip they see that page, in that language, with every filter."""
    driver = signed_out_browser
    path = "/regions?" + urlencode(SHARED_LINK)
    open_view(driver, dashboard_server, path)  # the sign-in page speaks the link's language
    assert t("auth.sign_in_title", "en") in driver.execute_script(MAIN_TEXT_JS)
    save_full_page(driver, screenshot_dir / "sign_in_en.png")
    sign_in(driver, dashboard_server, identity_provider, "padome-demo", path=path)
    deadline = time.monotonic() + READY_TIMEOUT
    while url_path_of(driver) != "regions" and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
    state = wait_until_drawn(driver, dashboard_server, path)
    assert_no_exception(state, path, dashboard_server)

    assert url_path_of(driver) == "regions", driver.current_url
    query = parse_qs(urlsplit(driver.current_url).query)
    assert {key: query.get(key) for key in SHARED_LINK} == {
        key: [value] for key, value in SHARED_LINK.items()
    }
    assert t("nav.regions", "en") in state.nav and "Pārskats" not in state.nav
    shown = driver.execute_script(FILTERS_JS)
    assert shown.get(t("filters.region", "en")) == _region_name(browser_home, "LATGALE", "en")
    assert "9.1.4.4" in shown.get(t("filters.measure", "en"), "")
    assert shown["period"] == format_month("2021-06-01", "en")
    # The link was kept for the round trip only: a later visit opens what it asks for.
    assert "roma_return" not in {c["name"] for c in driver.get_cookies()}
    save_full_page(driver, screenshot_dir / "regions_en_after_sign_in.png")


# --- the sidebar's layout ----------------------------------------------------------------------

# With the pointer on the month slider, its first and last months show below the track.
SLIDER_LAYOUT_JS = """
const sidebar = document.querySelector('[data-testid="stSidebar"]');
const rect = e => { const r = e.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
const ticks = sidebar.querySelector('[data-testid="stSliderTickBar"]');
const button = sidebar.querySelector('[data-testid="stDownloadButton"] button');
return {
  labels: ticks ? [...ticks.children].map(rect) : [],
  opacity: ticks ? getComputedStyle(ticks).opacity : null,
  button: button ? rect(button) : null,
};
"""


def overlap(a: dict, b: dict) -> bool:
    """Whether two client rectangles share any area."""
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_slider_s_months_do_not_overlap_the_pdf_button(
    driver, dashboard_server, screenshot_dir, lang: str
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    path = f"/?lang={lang}&period=2021-06"
    state = open_view(driver, dashboard_server, path)
    assert_no_exception(state, path, dashboard_server)
    slider = driver.find_element(
        By.CSS_SELECTOR, '[data-testid="stSidebar"] [data-testid="stSlider"]'
    )
    ActionChains(driver).move_to_element(slider).perform()
    time.sleep(0.6)  # the months fade in
    layout = driver.execute_script(SLIDER_LAYOUT_JS)
    driver.save_screenshot(str(screenshot_dir / f"slider_hover_{lang}.png"))
    assert float(layout["opacity"]) == 1.0 and len(layout["labels"]) == 2
    first, last = layout["labels"]
    assert not overlap(first, last), "the first and last months overlap each other"
    assert not overlap(first, layout["button"]) and not overlap(last, layout["button"]), layout


# --- the month slider at a past month ------------------------------------------------------------

PAST_MONTH = "2021-06"
PAST_MEASURE = ("9.1.4.4", "SIF_9144_PARTICIPANTS")  # SAM, its headline indicator

# The first table of the page as {header: cell} per row (st.table: one <table>, header row).
TABLE_JS = """
const table = document.querySelector('[data-testid="stMain"] [data-testid="stTable"] table');
const cells = r => [...r.querySelectorAll('th, td')].map(e => e.innerText.trim());
const head = cells(table.querySelector('thead tr'));
return [...table.querySelectorAll('tbody tr')].map(r => {
  const row = cells(r).slice(-head.length);
  return Object.fromEntries(head.map((h, i) => [h, row[i]]));
});
"""
METRICS_JS = """
return [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetric"]')]
  .map(m => [m.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
             m.querySelector('[data-testid="stMetricValue"]').innerText.trim()]);
"""


def counted_to(home: Path, indicator: str, month: str) -> float:
    """The national cumulative value at ``month`` counted from the snapshot's monthly new units
    (``value_in_period``), not read from the cumulative column the pages show."""
    with connect_published("indicators", Paths(home)) as con:
        [(total,)] = con.execute(
            "select sum(value_in_period) from fct_indicator_progress "
            "where indicator_code = ? and geo_code = 'LV' and period <= ?",
            [indicator, date.fromisoformat(f"{month}-01")],
        ).fetchall()
    return float(total)


def open_past_month(driver, server, path: str, lang: str, shown_as: str) -> str:
    """Open ``path`` (its ``period`` is ``PAST_MONTH``); the slider shows that month, written
    ``shown_as``. Returns the page's text."""
    state = open_view(driver, server, path)
    assert_no_exception(state, path, server)
    assert driver.execute_script(FILTERS_JS)["period"] == shown_as
    assert format_month(f"{PAST_MONTH}-01", lang) == shown_as
    return driver.execute_script(MAIN_TEXT_JS)


def test_the_overview_at_a_past_month(driver, dashboard_server, browser_home, screenshot_dir):
    sam, indicator = PAST_MEASURE
    path = f"/?lang=lv&period={PAST_MONTH}"
    text = open_past_month(driver, dashboard_server, path, "lv", "2021. gada jūnijs")
    latvia = _region_name(browser_home, "LV", "lv")
    assert t("overview.as_of", "lv", month="2021. gada jūnijs", area=latvia) in text
    rows = driver.execute_script(TABLE_JS)
    [row] = [r for r in rows if r[t("overview.col.measure", "lv")].startswith(sam)]
    # the sample's SIF participants counted month by month up to June 2021: 2 453
    assert counted_to(browser_home, indicator, PAST_MONTH) == 2453
    assert row[t("overview.col.value", "lv")] == f"2{NBSP}453"
    save_full_page(driver, screenshot_dir / f"overview_lv_{PAST_MONTH}.png")


def test_the_measure_page_at_a_past_month(driver, dashboard_server, browser_home, screenshot_dir):
    sam, indicator = PAST_MEASURE
    path = f"/{page_url(page_named('measure'))}?lang=en&measure={sam}&period={PAST_MONTH}"
    text = open_past_month(driver, dashboard_server, path, "en", "June 2021")
    latvia = _region_name(browser_home, "LV", "en")
    assert t("measure.figures_header", "en", area=latvia, month="June 2021") in text
    metrics = dict(driver.execute_script(METRICS_JS))
    assert counted_to(browser_home, indicator, PAST_MONTH) == 2453  # as on the overview
    assert metrics[t("measure.value", "en")] == "2,453"
    save_full_page(driver, screenshot_dir / f"measure_en_{sam}_{PAST_MONTH}.png")
