"""The registry's lists as dbt reads them: `dbt_project/macros/registry.sql`, a generated
artefact like the dbt sources (written by `roma-monitor contracts export`, checked by
`roma-monitor contracts check`), so that no dbt file lists the sources by hand."""

from __future__ import annotations

import json
from pathlib import Path

from roma_monitor.contracts.registry import MEASURE_ORDER, SOURCES
from roma_monitor.settings import DBT_PROJECT_DIR


def dbt_lists_document() -> tuple[Path, str]:
    text = f"""{{#- GENERATED from the contract registry (src/roma_monitor/contracts/registry.py) by
    `roma-monitor contracts export`: do not edit. -#}}

{{#- The sources, in the registry's order: each has a catalogue seed
    ref_indicator_catalogue_<source> and a units model int_<source>__indicator_units
    (docs/adding-a-source.md). -#}}
{{% macro indicator_sources() %}}{{{{ return({json.dumps(SOURCES)}) }}}}{{% endmacro %}}

{{#- The measures (SAM codes, `platform` for the Roma Platform) in the order the reports show
    them. -#}}
{{% macro measure_order() %}}{{{{ return({json.dumps(MEASURE_ORDER)}) }}}}{{% endmacro %}}
"""
    return DBT_PROJECT_DIR / "macros" / "registry.sql", text
