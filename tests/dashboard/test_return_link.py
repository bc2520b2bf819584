"""The link a reader opened before sign-in, as kept through the OIDC round trip
(``app_auth.return_link``). The round trip itself runs in a real browser in
tests/browser/test_screenshots.py (``test_a_link_opened_before_sign_in_survives_it``)."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
if str(DASHBOARD) not in sys.path:  # the dashboard's modules import each other by name
    sys.path.insert(0, str(DASHBOARD))

from app_auth import ReturnLink, return_link  # noqa: E402

PARAMS = ("lang", "measure", "region", "period")


def test_the_page_and_every_filter_are_kept() -> None:
    raw = quote("/regions?lang=en&measure=9.1.4.4&region=LATGALE&period=2021-06", safe="")
    assert return_link(raw, PARAMS) == ReturnLink(
        "regions", {"lang": "en", "measure": "9.1.4.4", "region": "LATGALE", "period": "2021-06"}
    )


def test_the_root_is_the_default_page() -> None:
    assert return_link(quote("/?lang=en", safe=""), PARAMS) == ReturnLink("", {"lang": "en"})


def test_other_parameters_are_dropped() -> None:
    assert return_link("/measure?lang=lv&next=https://evil.example", PARAMS) == ReturnLink(
        "measure", {"lang": "lv"}
    )


def test_under_a_base_path() -> None:
    assert return_link("/roma/quality?lang=en", PARAMS, "roma") == ReturnLink(
        "quality", {"lang": "en"}
    )
    assert return_link("/roma?lang=en", PARAMS, "/roma/") == ReturnLink("", {"lang": "en"})
    assert return_link("/other/quality", PARAMS, "roma") is None


@pytest.mark.parametrize(
    "raw",
    [None, "", "https://evil.example/regions", "//evil.example/regions", "regions", "/a/b/c"],
)
def test_anything_else_is_no_link(raw) -> None:
    assert return_link(raw, PARAMS) is None
