"""A build reuses the previous build's disclosure result of a family whose inputs did not change
(protect_roma_cells(previous=...)), and audits again every family whose cells, bounds,
threshold or base changed; the result is the same as auditing everything."""

from __future__ import annotations

import pandas as pd
import pytest

from roma_monitor.privacy import disclosure
from roma_monitor.privacy.disclosure import COMPLEMENT, protect_roma_cells
from tests.privacy.test_disclosure_attacks import cells_from, reasons

# Two families: PARTICIPANTS >= LEAVERS (tied by the bound) and ENROLLED on its own.
BOUNDS = {"LEAVERS": "PARTICIPANTS"}
ROWS = [
    ("PARTICIPANTS", 0, "A", "LV", 6, 50),
    ("PARTICIPANTS", 0, "B", "LV", 1, 20),
    ("PARTICIPANTS", 0, "LV", None, 7, 70),
    ("LEAVERS", 0, "A", "LV", 6, 7),  # complement: 6 Roma of 7
    ("LEAVERS", 0, "B", "LV", 0, 9),
    ("LEAVERS", 0, "LV", None, 6, 16),
    ("ENROLLED", 0, "A", "LV", 3, 30),
    ("ENROLLED", 0, "B", "LV", 9, 12),  # complement: 3 not Roma
    ("ENROLLED", 0, "LV", None, 12, 42),
]


def _comparable(frame: pd.DataFrame) -> list[tuple]:
    return sorted(
        frame[["indicator_code", "period", "geo_code", "published_value", "withheld_reason"]]
        .astype(object)
        .where(frame.notna(), None)
        .itertuples(index=False, name=None)
    )


@pytest.fixture
def first():
    result = protect_roma_cells(cells_from(ROWS), BOUNDS, threshold=5, base=5)
    assert result.attrs == {"families_reused": 0, "families_audited": 2}
    return result


def test_the_hand_worked_result(first):
    # Nothing else gives the two away: LEAVERS A = LV (5: 3..7) - B (0: 0..2) lies in 1..7,
    # and 7 - 5 = 2 is not ruled out; ENROLLED B = LV (10: 8..12) - A (5: 3..7) lies in 1..9,
    # and 12 - 5 = 7 is not ruled out.
    found = {(i, g): r for (i, _, g), r in reasons(first).items()}
    assert found == {("LEAVERS", "A"): COMPLEMENT, ("ENROLLED", "B"): COMPLEMENT}


def test_unchanged_inputs_audit_nothing_and_give_the_same_result(first, monkeypatch):
    def no_audit(*args, **kwargs):
        raise AssertionError("an unchanged family was audited again")

    monkeypatch.setattr(disclosure, "protect_family", no_audit)
    again = protect_roma_cells(cells_from(ROWS), BOUNDS, threshold=5, base=5, previous=first)
    assert again.attrs == {"families_reused": 2, "families_audited": 0}
    assert _comparable(again) == _comparable(first)


def test_only_the_changed_family_is_audited_again(first):
    changed = [r if r[:3] != ("ENROLLED", 0, "A") else (*r[:4], 2, 30) for r in ROWS]
    changed = [r if r[:3] != ("ENROLLED", 0, "LV") else (*r[:4], 11, 42) for r in changed]
    again = protect_roma_cells(cells_from(changed), BOUNDS, threshold=5, base=5, previous=first)
    assert again.attrs == {"families_reused": 1, "families_audited": 1}
    fresh = protect_roma_cells(cells_from(changed), BOUNDS, threshold=5, base=5)
    assert _comparable(again) == _comparable(fresh)
    published = again.set_index(["indicator_code", "geo_code"])["published_value"]
    assert published[("ENROLLED", "A")] == 0  # 2 rounds to 0: the new count, not the old 5


@pytest.mark.parametrize(
    "change",
    [
        {"threshold": 10},
        {"base": 3},
        {"upper_bounds": {}},
    ],
)
def test_another_threshold_base_or_bound_audits_every_family_again(first, change):
    arguments = {"upper_bounds": BOUNDS, "threshold": 5, "base": 5, **change}
    again = protect_roma_cells(cells_from(ROWS), previous=first, **arguments)
    assert again.attrs["families_reused"] == 0
    assert _comparable(again) == _comparable(protect_roma_cells(cells_from(ROWS), **arguments))


def test_a_period_added_to_a_family_audits_it_again(first):
    more = ROWS + [("ENROLLED", 1, "LV", None, 12, 42)]
    again = protect_roma_cells(cells_from(more), BOUNDS, threshold=5, base=5, previous=first)
    assert again.attrs == {"families_reused": 1, "families_audited": 1}
    assert len(again) == len(ROWS) + 1
