"""Hand-made published snapshots for tests of everything that reads them (queries, dashboard, CLI).

`publish_fixture_snapshots(home)` builds a tiny warehouse (schemas `marts` and `audit`, the
columns of docs/architecture.md), then publishes it with the real `publish_tables` into
`Paths(home)`: an `indicators` snapshot and an `operations` snapshot, exactly as the pipeline
would. Pass your own rows (lists of dicts; missing columns are NULL) to build other cases.

The default story (numbers chosen so Latvian formats are visible: `1 234`, `> 3 000`, `41,1 %`):
- one indicator with data, SIF_9144_PARTICIPANTS (target > 3 000 by 31.12.2022), and one
  catalogue entry with no data and no target (NVA_741_PARTICIPANTS);
- country rows for 2022-09..2022-11; in 2022-11 the value is 1 234 against 2 955 expected, so
  it is *behind*; ethnicity coverage 62,3 %. Roma counts as published after issue 14: rounded
  to 5 and only at quarter ends, so every month shows the 2022-09 figure, ≈55, and 2022-10 and
  2022-11 say "as of 30.09.2022";
- 2022-11 by planning region (Roma as of 2022-09, rounded): Rīga 500 (≈15), Vidzeme 34 (Roma
  withheld, ×), Kurzeme 200 (≈0), Zemgale 100 (Roma withheld, ×), Latgale 400 (≈40); a 2022-10
  region row and a municipality row that must not leak into the latest-period region table;
- fct_disclosure_utility for the quarter ends 2022-06 and 2022-09 (see disclosure_rows);
- loads: SIF 2022-10 and 2022-11 loaded, then SIF 2022-12 *rejected* (the last attempt); NVA
  one duplicate.

Import it as `from tests.conftest_snapshot import ...`; tests/dashboard/conftest.py turns it into
fixtures (`published_home`, `empty_home`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from roma_monitor.publish.snapshot import publish_tables
from roma_monitor.settings import Paths
from roma_monitor.warehouse import AUDIT_DDL

# --- schema (docs/architecture.md) -----------------------------------------------------------

PROGRESS_DDL = {
    "indicator_code": "VARCHAR",
    "sam": "VARCHAR",
    "source": "VARCHAR",
    "period": "DATE",
    "geo_level": "VARCHAR",
    "geo_code": "VARCHAR",
    "geo_name_lv": "VARCHAR",
    "geo_name_en": "VARCHAR",
    "parent_geo_code": "VARCHAR",
    "value": "BIGINT",
    "value_in_period": "BIGINT",
    "target": "DECIMAL(12, 2)",
    "target_operator": "VARCHAR",
    "target_date": "DATE",
    "share_of_target": "DOUBLE",
    "expected_to_date": "DOUBLE",
    "on_track": "BOOLEAN",
    "roma_value": "BIGINT",
    "roma_value_suppressed": "BOOLEAN",
    "roma_value_as_of": "DATE",
    "roma_value_is_rounded": "BOOLEAN",
    "ethnicity_coverage": "DOUBLE",
}
DISCLOSURE_DDL = {
    "indicator_code": "VARCHAR",
    "period": "DATE",
    "geo_level": "VARCHAR",
    "cells": "BIGINT",
    "cells_published": "BIGINT",
    "cells_withheld": "BIGINT",
    "share_published": "DOUBLE",
}
# the internal snapshot's extra columns
DISCLOSURE_INTERNAL_DDL = {
    **DISCLOSURE_DDL,
    "cells_withheld_complement": "BIGINT",
    "cells_withheld_audit": "BIGINT",
    "rounding_error_mean": "DOUBLE",
    "rounding_error_max": "BIGINT",
}
INDICATORS_DDL = {
    "indicator_code": "VARCHAR",
    "sam": "VARCHAR",
    "source": "VARCHAR",
    "agency": "VARCHAR",
    "name_lv": "VARCHAR",
    "name_en": "VARCHAR",
    "definition_lv": "VARCHAR",
    "definition_en": "VARCHAR",
    "unit": "VARCHAR",
    "counting_rule_lv": "VARCHAR",
    "counting_rule_en": "VARCHAR",
    "measure_start_date": "DATE",
    "target_value": "DECIMAL(12, 2)",
    "target_operator": "VARCHAR",
    "target_date": "DATE",
    "target_source_citation": "VARCHAR",
}
GEOGRAPHY_DDL = {
    "geo_level": "VARCHAR",
    "geo_code": "VARCHAR",
    "geo_name_lv": "VARCHAR",
    "geo_name_en": "VARCHAR",
    "parent_geo_code": "VARCHAR",
    "planning_region_code": "VARCHAR",
    "geo_kind": "VARCHAR",
    "sort_order": "BIGINT",
    "valid_from": "DATE",
    "valid_to": "DATE",
    "note": "VARCHAR",
}
CODE = "SIF_9144_PARTICIPANTS"
QUARTER_END = date(2022, 9, 1)  # the latest quarter end of the default story (30.09.2022)
NO_DATA_CODE = "NVA_741_PARTICIPANTS"
REJECTED_MESSAGE = "3 rows: ethnicity has a value outside the allowed set ('Roma')"

REGIONS = {  # code: (lv, en)
    "RIGA": ("Rīgas plānošanas reģions", "Riga Planning Region"),
    "VIDZEME": ("Vidzemes plānošanas reģions", "Vidzeme Planning Region"),
    "KURZEME": ("Kurzemes plānošanas reģions", "Kurzeme Planning Region"),
    "ZEMGALE": ("Zemgales plānošanas reģions", "Zemgale Planning Region"),
    "LATGALE": ("Latgales plānošanas reģions", "Latgale Planning Region"),
}

# --- default rows ----------------------------------------------------------------------------


def indicator_rows() -> list[dict[str, Any]]:
    return [
        {
            "indicator_code": CODE,
            "sam": "9.1.4.4",
            "source": "sif",
            "agency": "SIF",
            "name_lv": "Dalībnieki, kas saņēmuši motivācijas un atbalsta pakalpojumus",
            "name_en": "Participants receiving motivation and support services",
            "definition_lv": "Unikālie dalībnieki, skaitīti vienreiz iesaistīšanās brīdī.",
            "definition_en": "Unique participants, counted once at entry.",
            "unit": "personas",
            "counting_rule_lv": "Katrs dalībnieks skaitīts vienreiz, iesaistoties.",
            "counting_rule_en": "Each participant counted once, at entry.",
            "measure_start_date": date(2017, 7, 1),
            "target_value": 3000,
            "target_operator": ">",
            "target_date": date(2022, 12, 31),
            "target_source_citation": "Noslēguma ziņojums, SAM 9.1.4.4",
        },
        {
            "indicator_code": NO_DATA_CODE,
            "sam": "7.4.1",
            "source": "nva",
            "agency": "NVA",
            "name_lv": "Ilgstošie bezdarbnieki pasākumos",
            "name_en": "Long-term unemployed in measures",
            "unit": "personas",
            "counting_rule_lv": "Katra persona skaitīta vienreiz, iesaistoties.",
            "counting_rule_en": "Each person counted once, at entry.",
        },
    ]


def geography_rows() -> list[dict[str, Any]]:
    rows = [
        {
            "geo_level": "country",
            "geo_code": "LV",
            "geo_name_lv": "Latvija",
            "geo_name_en": "Latvia",
            "parent_geo_code": None,
            "sort_order": 0,
        }
    ]
    rows += [
        {
            "geo_level": "planning_region",
            "geo_code": code,
            "geo_name_lv": lv,
            "geo_name_en": en,
            "parent_geo_code": "LV",
            "planning_region_code": code,
            "sort_order": 100 * (rank + 1),
        }
        for rank, (code, (lv, en)) in enumerate(REGIONS.items())
    ]
    rows.append(
        {
            "geo_level": "municipality",
            "geo_code": "0002000",
            "geo_name_lv": "Daugavpils",
            "geo_name_en": "Daugavpils",
            "parent_geo_code": "LATGALE",
            "planning_region_code": "LATGALE",
            "sort_order": 100 * (list(REGIONS).index("LATGALE") + 1) + 1,
        }
    )
    return rows


def _progress(period: date, geo_level: str, geo_code: str, **values: Any) -> dict[str, Any]:
    names = {"LV": ("Latvija", "Latvia"), "0002000": ("Daugavpils", "Daugavpils"), **REGIONS}
    lv, en = names[geo_code]
    parent = {"country": None, "planning_region": "LV", "municipality": "LATGALE"}[geo_level]
    row = {
        "indicator_code": CODE,
        "sam": "9.1.4.4",
        "source": "sif",
        "period": period,
        "geo_level": geo_level,
        "geo_code": geo_code,
        "geo_name_lv": lv,
        "geo_name_en": en,
        "parent_geo_code": parent,
        "roma_value_suppressed": False,
        # as published after issue 14: the 2022-09 quarter end, rounded to 5
        "roma_value_as_of": QUARTER_END,
        "roma_value_is_rounded": True,
    }
    row.update(values)
    return row


def _country(
    period: date,
    value: int,
    in_period: int,
    expected: float,
    roma: int,
    coverage: float,
    target: float | None = 3000,
) -> dict[str, Any]:
    return _progress(
        period,
        "country",
        "LV",
        value=value,
        value_in_period=in_period,
        target=target,
        target_operator=">" if target else None,
        target_date=date(2022, 12, 31) if target else None,
        share_of_target=value / target if target else None,
        expected_to_date=expected if target else None,
        on_track=(value >= expected) if target else None,
        roma_value=roma,
        ethnicity_coverage=coverage,
    )


def progress_rows(latest_value: int = 1234, internal: bool = False) -> list[dict[str, Any]]:
    """Default progress rows; `latest_value` >= 2955 makes the latest month on track.
    `internal`: as in the Ministry's snapshot, every Roma figure describes its own month and is
    exact (not rounded)."""
    rows = _public_progress_rows(latest_value)
    if internal:
        for row in rows:
            row.update(roma_value_as_of=row["period"], roma_value_is_rounded=False)
    return rows


def _public_progress_rows(latest_value: int) -> list[dict[str, Any]]:
    nov, oct_, sep = date(2022, 11, 1), date(2022, 10, 1), date(2022, 9, 1)
    rows = [
        _country(sep, 1100, 40, 2864, 55, 0.60),
        _country(oct_, 1180, 80, 2909, 55, 0.61),
        _country(nov, latest_value, latest_value - 1180, 2955, 55, 0.623),
        # an older region row: must not appear in the latest-period table
        _progress(
            oct_,
            "planning_region",
            "RIGA",
            value=480,
            value_in_period=20,
            roma_value=15,
            ethnicity_coverage=0.69,
        ),
        # a municipality: must not appear in the region table
        _progress(
            nov,
            "municipality",
            "0002000",
            value=250,
            value_in_period=5,
            roma_value=30,
            ethnicity_coverage=0.7,
        ),
    ]
    regions = [  # code, value, roma, suppressed, coverage
        ("RIGA", 500, 15, False, 0.70),
        ("VIDZEME", 34, None, True, 0.50),
        ("KURZEME", 200, 0, False, 0.40),
        ("ZEMGALE", 100, None, True, 0.20),
        ("LATGALE", 400, 40, False, 0.65),
    ]
    # Listed out of the conventional order on purpose (LATGALE first).
    for code, value, roma, suppressed, coverage in reversed(regions):
        rows.append(
            _progress(
                nov,
                "planning_region",
                code,
                value=value,
                value_in_period=10,
                roma_value=roma,
                roma_value_suppressed=suppressed,
                ethnicity_coverage=coverage,
            )
        )
    return rows


def disclosure_rows(internal: bool = False) -> list[dict[str, Any]]:
    """fct_disclosure_utility: Roma cells published and withheld per quarter end and level.

    2022-09: country 1 of 1, regions 3 of 5 (Vidzeme and Zemgale withheld), municipalities 28
    of 43; 2022-06: 1 of 1, 4 of 5, 30 of 43. So over both quarter ends regions 7 of 10 = 70 %,
    municipalities 58 of 86. Internal: the split by rule and the rounding error."""
    figures = [  # period, level, cells, published, complement, audit, error mean, error max
        (date(2022, 6, 1), "country", 1, 1, 0, 0, 1.0, 1),
        (date(2022, 6, 1), "planning_region", 5, 4, 1, 0, 1.25, 2),
        (date(2022, 6, 1), "municipality", 43, 30, 9, 4, 0.9, 2),
        (QUARTER_END, "country", 1, 1, 0, 0, 2.0, 2),
        (QUARTER_END, "planning_region", 5, 3, 1, 1, 1.0, 2),
        (QUARTER_END, "municipality", 43, 28, 10, 5, 1.5, 2),
    ]
    rows = []
    for period, level, cells, published, complement, audit, mean, biggest in figures:
        row = {
            "indicator_code": CODE,
            "period": period,
            "geo_level": level,
            "cells": cells,
            "cells_published": published,
            "cells_withheld": cells - published,
            "share_published": published / cells,
        }
        if internal:
            row.update(
                cells_withheld_complement=complement,
                cells_withheld_audit=audit,
                rounding_error_mean=mean,
                rounding_error_max=biggest,
            )
        rows.append(row)
    return rows


def load_rows() -> list[dict[str, Any]]:
    def load(
        n: int,
        source: str,
        file_name: str,
        period: str,
        status: str,
        rows: int | None,
        started: datetime,
        message: str | None = None,
    ) -> dict[str, Any]:
        return {
            "load_id": f"load-{n:03d}",
            "source": source,
            "file_name": file_name,
            "sha256": f"{n:064x}",
            "reporting_period": period,
            "rows": rows,
            "status": status,
            "started_at": started,
            "finished_at": started.replace(second=12),
            "duration_s": 12.0,
            "message": message,
            "report_path": f"quarantine/{source}/{file_name}.md" if status == "rejected" else None,
        }

    return [
        load(1, "sif", "SIF_9144_202210.csv", "2022-10", "loaded", 812, datetime(2022, 11, 5, 8)),
        load(
            3,
            "sif",
            "SIF_9144_202212.csv",
            "2022-12",
            "rejected",
            0,
            datetime(2023, 1, 5, 8),
            REJECTED_MESSAGE,
        ),
        load(2, "sif", "SIF_9144_202211.csv", "2022-11", "loaded", 790, datetime(2022, 12, 5, 8)),
        load(
            4,
            "nva",
            "NVA_741_202211.xlsx",
            "2022-11",
            "duplicate",
            0,
            datetime(2022, 12, 6, 9),
            "identical to an extract already loaded",
        ),
    ]


# --- building & publishing -------------------------------------------------------------------


def _create(
    con: duckdb.DuckDBPyConnection,
    table: str,
    ddl: Mapping[str, str],
    rows: Iterable[Mapping[str, Any]],
) -> None:
    columns = ", ".join(f'"{name}" {kind}' for name, kind in ddl.items())
    con.execute(f"CREATE TABLE {table} ({columns})")
    names = list(ddl)
    rows = [[row.get(name) for name in names] for row in rows]
    for row in rows:
        con.execute(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in names)})", row)


def build_warehouse(
    db_path: Path,
    *,
    progress: Iterable[Mapping[str, Any]] | None = None,
    indicators: Iterable[Mapping[str, Any]] | None = None,
    geography: Iterable[Mapping[str, Any]] | None = None,
    loads: Iterable[Mapping[str, Any]] | None = None,
    disclosure: Iterable[Mapping[str, Any]] | None = None,
    internal: bool = False,
) -> Path:
    """A warehouse DuckDB with marts.fct_indicator_progress, marts.dim_indicators,
    marts.dim_geography and audit.extract_loads (defaults: the story above). An existing file
    at `db_path` is replaced."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.unlink(missing_ok=True)
    Path(f"{db_path}.wal").unlink(missing_ok=True)
    with duckdb.connect(str(db_path)) as con:
        con.execute("CREATE SCHEMA IF NOT EXISTS marts")
        con.execute("CREATE SCHEMA IF NOT EXISTS audit")
        _create(
            con,
            "marts.fct_indicator_progress",
            PROGRESS_DDL,
            progress_rows() if progress is None else progress,
        )
        _create(
            con,
            "marts.dim_indicators",
            INDICATORS_DDL,
            indicator_rows() if indicators is None else indicators,
        )
        _create(
            con,
            "marts.dim_geography",
            GEOGRAPHY_DDL,
            geography_rows() if geography is None else geography,
        )
        con.execute(AUDIT_DDL)  # the load audit as the warehouse defines it
        for load in load_rows() if loads is None else loads:
            names = ", ".join(load)
            marks = ", ".join("?" for _ in load)
            con.execute(
                f"INSERT INTO audit.extract_loads ({names}) VALUES ({marks})", list(load.values())
            )
        _create(
            con,
            "marts.fct_disclosure_utility",
            DISCLOSURE_INTERNAL_DDL if internal else DISCLOSURE_DDL,
            disclosure_rows(internal) if disclosure is None else disclosure,
        )
    return db_path


def publish_fixture_snapshots(
    home: Path,
    *,
    indicators_snapshot: bool = True,
    operations_snapshot: bool = True,
    metadata: Mapping[str, str] | None = None,
    **rows: Iterable[Mapping[str, Any]] | None,
) -> Paths:
    """Build the warehouse under `home` and publish the requested snapshots into `Paths(home)`.
    `rows` may override progress=, indicators=, geography=, loads= (see build_warehouse)."""
    paths = Paths(home).ensure()
    warehouse = build_warehouse(paths.warehouse, **rows)
    if indicators_snapshot:
        publish_tables(
            "indicators",
            warehouse,
            {
                "fct_indicator_progress": "SELECT * FROM src.marts.fct_indicator_progress",
                "dim_indicators": "SELECT * FROM src.marts.dim_indicators",
                "dim_geography": "SELECT * FROM src.marts.dim_geography",
                "fct_disclosure_utility": "SELECT * FROM src.marts.fct_disclosure_utility",
            },
            paths,
            metadata={
                "latest_period": "2022-11-01",
                "suppression_threshold": "5",
                "rounding_base": "5",
                **(metadata or {}),
            },
        )
    if operations_snapshot:
        publish_tables(
            "operations",
            warehouse,
            {"extract_loads": "SELECT * FROM src.audit.extract_loads"},
            paths,
        )
    return paths
