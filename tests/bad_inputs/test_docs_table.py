"""docs/bad-inputs.md has one table row per corpus case, saying what the manifest says."""

from __future__ import annotations

import re

from roma_monitor.settings import PROJECT_ROOT
from tests.bad_inputs.corpus import load_cases

DOC = PROJECT_ROOT / "docs" / "bad-inputs.md"
OUTCOMES = {
    "archive": "loaded, archived",
    "quarantine": "rejected, quarantined",
    "deleted": "rejected, **deleted**",
}


def _table_rows() -> dict[str, list[str]]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"\| `([a-z0-9_]+)` \|", line):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            assert match.group(1) not in rows, f"{match.group(1)} is in the table twice"
            rows[match.group(1)] = cells
    return rows


def test_every_case_is_in_the_table_with_its_outcome_rule_and_rows():
    table = _table_rows()
    cases = load_cases()
    assert sorted(table) == sorted(c.id for c in cases)
    for case in cases:
        _, _what, outcome, rule, rows, message = table[case.id]
        assert outcome == OUTCOMES[case.kept], case.id
        assert rule == (f"`{case.rule}`" if case.rule else "–"), case.id
        assert rows == (", ".join(map(str, case.rows)) or "–"), case.id
        if case.message:
            assert case.message.replace("|", "\\|") in message, case.id
