"""Reference code sets (ATVK vintages), read from the dbt seeds: the one place they live (an
installed wheel carries a copy as package data, settings.SEEDS_DIR)."""

from __future__ import annotations

import csv
from functools import cache

from roma_monitor.settings import SEEDS_DIR

_REFERENCE_FILES = {
    "atvk_2009": ("reference/ref_municipalities_2009.csv", "atvk_2009"),
    "atvk_2021": ("reference/ref_municipalities_2021.csv", "atvk_2021"),
    "recommendations": ("catalogue/ref_recommendations.csv", "recommendation_code"),
    "recommendation_statuses": ("catalogue/ref_recommendation_statuses.csv", "status_code"),
}


@cache
def reference_codes(name: str) -> tuple[str, ...]:
    """The codes of one reference set, e.g. `atvk_2009` (119) or `atvk_2021` (43)."""
    file_name, column = _REFERENCE_FILES[name]
    with open(SEEDS_DIR / file_name, encoding="utf-8", newline="") as f:
        return tuple(sorted({row[column] for row in csv.DictReader(f)}))


@cache
def reference_rows(name: str) -> tuple[dict[str, str], ...]:
    file_name, _ = _REFERENCE_FILES[name]
    with open(SEEDS_DIR / file_name, encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


@cache
def atvk_crosswalk() -> dict[str, str]:
    """Old (2009-2021) ATVK code -> its primary ATVK 2021 successor."""
    with open(SEEDS_DIR / "reference/ref_atvk_crosswalk_2009_2021.csv", encoding="utf-8") as f:
        return {
            r["atvk_2009"]: r["atvk_2021"] for r in csv.DictReader(f) if r["is_primary"] == "true"
        }


def resolve_allowed(reference: str) -> tuple[str, ...]:
    """`a|b` means the union of reference sets a and b."""
    codes: set[str] = set()
    for name in reference.split("|"):
        codes.update(reference_codes(name))
    return tuple(sorted(codes))
