"""What a person reading a Latvian page in Chromium sees holds no English word of the UI and
no English catalogue text (issue 15). tests/dashboard/test_one_language_per_page.py scans what
the app sends; this scans what the browser draws, sidebar, tooltips in the DOM and all."""

from __future__ import annotations

import pytest

from roma_monitor.settings import Paths
from tests.browser.test_screenshots import PAGES, assert_no_exception, open_view, page_url
from tests.dashboard.test_one_language_per_page import (
    catalogue_texts,
    leftovers,
    one_language_texts,
)

pytestmark = pytest.mark.browser

# The text the page draws (the sidebar's too); titles of charts and maps are SVG text.
VISIBLE_TEXT_JS = """
const texts = [document.body.innerText];
document.querySelectorAll('svg text, [title]').forEach(e => {
  texts.push(e.textContent || '', e.getAttribute('title') || '');
});
return texts.join('\\n');
"""


@pytest.mark.parametrize("page", PAGES, ids=[p.url_path for p in PAGES])
def test_a_latvian_page_as_drawn_holds_no_english(
    driver, dashboard_server, browser_home, page
) -> None:
    path = f"/{page_url(page)}?lang=lv"
    state = open_view(driver, dashboard_server, path)
    assert_no_exception(state, path, dashboard_server)
    shown = driver.execute_script(VISIBLE_TEXT_JS)
    home = Paths(browser_home)
    found = leftovers([shown], catalogue_texts(home, "en"), one_language_texts(home))
    assert found == {"words": [], "catalogue": []}, path
