"""The gate's rules are objects derived from the contract; both engines compile the same objects.
A conditional rule (the ATVK vintage in force in the row's month) carries a structured condition,
which the SQL engine applies without parsing any text."""

from __future__ import annotations

from datetime import date

import pandas as pd

from roma_monitor.contracts.registry import CONTRACTS
from roma_monitor.contracts.rules import Condition, InSet, contract_rules
from roma_monitor.contracts.sql import PERIOD_MONTH, ROW_NUMBER
from roma_monitor.validate import sql_gate
from tests.conftest import KEY_A, KEY_B, sif_row

SIF = CONTRACTS["sif_participant_months"]
DAUGAVPILS_2009, DAUGAVPILS_2021 = "0050000", "0002000"  # ref_municipalities_2009 / _2021


def test_the_vintage_rules_apply_by_the_month_of_the_row():
    vintage = [r for r in contract_rules(SIF)["format"] if ".vintage_" in r.id]
    assert [(r.id, r.when) for r in vintage] == [
        ("municipality_atvk.vintage_atvk_2009", Condition(PERIOD_MONTH, "<", "2021-07")),
        ("municipality_atvk.vintage_atvk_2021", Condition(PERIOD_MONTH, ">=", "2021-07")),
    ]
    assert all(isinstance(r, InSet) for r in vintage)


def test_the_sql_engine_judges_normalised_cells_with_the_conditional_rules():
    """Four rows, June and September 2021 (the reform took effect on 1 July 2021), each with the
    2009 and the 2021 code of Daugavpils: row 2 (June, 2021 code) and row 3 (September, 2009
    code) break the vintage in force; nothing else fails."""
    rows = [
        sif_row(reporting_month="2021-06", municipality_atvk=DAUGAVPILS_2009,
                service_start_date="07.06.2021"),
        sif_row(reporting_month="2021-06", municipality_atvk=DAUGAVPILS_2021,
                participant_key=KEY_B, service_start_date="07.06.2021"),
        sif_row(municipality_atvk=DAUGAVPILS_2009),
        sif_row(municipality_atvk=DAUGAVPILS_2021, participant_key=KEY_B),
    ]  # fmt: skip
    cells = pd.DataFrame(rows, columns=SIF.column_names, dtype="string").replace("", pd.NA)
    cells[ROW_NUMBER] = [1, 2, 3, 4]
    assert cells.loc[0, "participant_key"] == KEY_A
    parameters = {"file_period_values": ["2021-06", "2021-09"], "today": date(2026, 11, 24)}
    verdict = sql_gate.validate_cells(cells, SIF, parameters)
    assert [(f.rule, f.failing_rows, f.rows, f.examples) for f in verdict.failures] == [
        ("municipality_atvk.vintage_atvk_2009", 1, [2], [DAUGAVPILS_2021]),
        ("municipality_atvk.vintage_atvk_2021", 1, [3], [DAUGAVPILS_2009]),
    ]
    assert verdict.rows == 4
    stages = contract_rules(SIF)
    assert verdict.checks_run == len(stages["structure"]) + len(stages["format"])
