"""Hand-made published snapshots for tests of everything that reads them (queries, dashboard, CLI).

`publish_fixture_snapshots(home)` builds a tiny warehouse with every table the pipeline
publishes, each with exactly the columns and types of its dbt contract (`contract_schema`: the
marts' `data_type`s, the seeds' `column_types`) and the real load audit, then publishes it with
the pipeline's own table lists into `Paths(home)`: an `indicators` snapshot and an `operations`
snapshot, exactly as the pipeline would. Pass your own rows (lists of dicts; missing columns are
NULL) to build other cases. Columns dbt computes (share_of_national, is_latest_period,
is_headline, ...) are given by hand in the rows, counted by hand.

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
- fct_indicator_values: the country's total and Roma count each month (values_rows);
  fct_indicator_status at 2022-11: limited progress (status_rows, counted by hand);
- fct_disclosure_utility for the quarter ends 2022-06 and 2022-09 (see disclosure_rows);
- loads: SIF 2022-10 and 2022-11 loaded, then SIF 2022-12 *rejected* (the last attempt); NVA
  one duplicate.

Import it as `from tests.conftest_snapshot import ...`; tests/dashboard/conftest.py turns it into
fixtures (`published_home`, `empty_home`).
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from roma_monitor.pipeline import INDICATOR_TABLES, INTERNAL_INDICATOR_TABLES, OPERATIONS_TABLES
from roma_monitor.publish.snapshot import publish_tables
from roma_monitor.publish.tables import contract_ddl, contract_schema
from roma_monitor.settings import Paths
from roma_monitor.warehouse import AUDIT_DDL, complete_older_rows

# --- schema: the dbt contracts -----------------------------------------------------------------


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
            "target_is_from_report": True,
            "has_target": True,
            "has_ethnicity": True,
            # computed by dbt (dim_indicators), given by hand: the first measure, no group (7),
            # the measure's one indicator and so its headline
            "measure_rank": 1,
            "group_rank": 7,
            "headline_rank": 1,
            "is_headline": True,
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
            "has_target": False,
            "has_ethnicity": True,
            "measure_rank": 2,
            "group_rank": 7,
            "headline_rank": 1,
            "is_headline": True,  # no target: the measure's first indicator
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
        "is_roma_point": False,
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
        national_value=value,
        share_of_national=1.0,
        value_rank=1,
        is_latest_period=period == date(2022, 11, 1),
        on_track=(value >= expected) if target else None,
        roma_value=roma,
        is_roma_point=period == QUARTER_END,  # the Roma series' one point: ≈55 at 2022-09
        ethnicity_coverage=coverage,
    )


def progress_rows(latest_value: int = 1234, internal: bool = False) -> list[dict[str, Any]]:
    """Default progress rows; `latest_value` >= 2955 makes the latest month on track.
    `internal`: as in the Ministry's snapshot, every Roma figure describes its own month and is
    exact (not rounded)."""
    rows = _public_progress_rows(latest_value)
    if internal:  # the internal snapshot publishes the exact figures as the Roma ones
        for row in rows:
            row.update(roma_unsuppressed_value=row["roma_value"])
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
            national_value=1180,
            share_of_national=480 / 1180,
            value_rank=1,
            is_latest_period=False,
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
            national_value=latest_value,
            share_of_national=250 / latest_value,
            value_rank=1,
            is_latest_period=True,
        ),
    ]
    regions = [  # code, value, roma, suppressed, coverage, place by value
        ("RIGA", 500, 15, False, 0.70, 1),
        ("VIDZEME", 34, None, True, 0.50, 5),
        ("KURZEME", 200, 0, False, 0.40, 3),
        ("ZEMGALE", 100, None, True, 0.20, 4),
        ("LATGALE", 400, 40, False, 0.65, 2),
    ]
    # Listed out of the conventional order on purpose (LATGALE first).
    for code, value, roma, suppressed, coverage, rank in reversed(regions):
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
                national_value=latest_value,
                share_of_national=value / latest_value,  # the regions sum to 1 234
                value_rank=rank,
                is_latest_period=True,
            )
        )
    return rows


def values_rows(latest_value: int = 1234) -> list[dict[str, Any]]:
    """fct_indicator_values of the country: the total and the Roma count beside it (as
    published after issue 14: ≈55 as of the 2022-09 quarter end), each month; breakdown_order
    as dbt gives it (total 0, Roma 501)."""
    rows = []
    months = [(date(2022, 9, 1), 1100, 0.60), (date(2022, 10, 1), 1180, 0.61)]
    for period, total, coverage in [*months, (date(2022, 11, 1), latest_value, 0.623)]:
        common = {
            "indicator_code": CODE,
            "period": period,
            "geo_level": "country",
            "geo_code": "LV",
            "geo_name_lv": "Latvija",
            "geo_name_en": "Latvia",
            "ethnicity_coverage": coverage,
            "is_suppressed": False,
            "is_denominator_suppressed": False,
            "is_share_suppressed": False,
        }
        rows.append(
            common
            | {"breakdown": "total", "breakdown_value": "total", "value": total}
            | {"value_as_of": period, "is_rounded": False, "breakdown_order": 0}
        )
        rows.append(
            common
            | {"breakdown": "ethnicity", "breakdown_value": "roma", "value": 55}
            | {"value_as_of": QUARTER_END, "is_rounded": True, "breakdown_order": 501}
        )
    return rows


def status_rows() -> list[dict[str, Any]]:
    """fct_indicator_status at the latest month, counted by hand as dbt does: 1 234 after 65
    months (2017-07 .. 2022-11) against > 3 000 in 66 (.. 2022-12), 1 month left; no value 12
    months before in the story, so the pace is the one since the start, 1 234 / 65 a month;
    R = (1 234 / 65) / (3 000 / 66) = 0.418 < 0.60: limited progress."""
    return [
        {
            "indicator_code": CODE,
            "sam": "9.1.4.4",
            "source": "sif",
            "unit": "personas",
            "period": date(2022, 11, 1),
            "is_latest_period": True,
            "value": 1234,
            "target": 3000,
            "target_operator": ">",
            "target_date": date(2022, 12, 31),
            "share_of_target": 1234 / 3000,
            "base_value": 0,
            "months_elapsed": 65,
            "months_remaining": 1,
            "current_pace_per_month": 1234 / 65,
            "needed_pace_per_month": 1766.0,
            "projected_value_at_target_date": 1234 + 1234 / 65,
            "is_projected_to_reach_target": False,
            "growth_ratio": (1234 / 65) / (3000 / 66),
            "is_target_achieved": False,
            "is_target_date_reached": False,
            "progress_status": "limited",
            "status_method": "Open SDG / Statistics Canada progress classes (fixture).",
            "status_method_code": "open_sdg",
        }
    ]


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


def create_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    rows: Iterable[Mapping[str, Any]] = (),
    schema: str | None = None,
) -> None:
    """Create the published table ``name`` with its dbt contract's columns and types (in
    ``schema``, default the connection's) and insert ``rows`` (missing columns NULL; a column
    the contract lacks is an error)."""
    columns = contract_schema()[name]
    table = f"{schema}.{name}" if schema else name
    con.execute(f"CREATE TABLE {table} ({contract_ddl(name)})")
    for row in rows:
        unknown = set(row) - set(columns)
        if unknown:
            raise KeyError(f"{name} has no column {sorted(unknown)} in its dbt contract")
        names = ", ".join(f'"{column}"' for column in row)
        marks = ", ".join("?" for _ in row)
        con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def create_table_rows(
    con: duckdb.DuckDBPyConnection, name: str, columns: list[str], rows: list[tuple]
) -> None:
    """``create_table`` with ``rows`` given as tuples naming ``columns``."""
    create_table(con, name, [dict(zip(columns, row, strict=True)) for row in rows])


# a small dim_geography (SMALL_GEOGRAPHY_COLUMNS): the country, two planning regions and three
# municipalities
SMALL_GEOGRAPHY_COLUMNS = [
    "geo_level", "geo_code", "geo_name_lv", "geo_name_en", "parent_geo_code",
    "planning_region_code", "sort_order",
]  # fmt: skip
SMALL_GEOGRAPHY = [
    ("country", "LV", "Latvija", "Latvia", None, None, 0),
    ("planning_region", "RIGA", "Rīgas", "Riga", "LV", "RIGA", 100),
    ("planning_region", "LATGALE", "Latgales", "Latgale", "LV", "LATGALE", 500),
    ("municipality", "0001000", "Rīga", "Riga", "RIGA", "RIGA", 101),
    ("municipality", "0002000", "Daugavpils", "Daugavpils", "LATGALE", "LATGALE", 501),
    ("municipality", "0006000", "Rēzekne", "Rezekne", "LATGALE", "LATGALE", 502),
]


def create_load_audit(con: duckdb.DuckDBPyConnection, rows: Iterable[Mapping[str, Any]]) -> None:
    """The real load audit (warehouse.AUDIT_DDL: audit.extract_loads) with ``rows``, their
    period end months filled as the warehouse fills those of older rows."""
    con.execute(AUDIT_DDL)
    for row in rows:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        con.execute(
            f"INSERT INTO audit.extract_loads ({names}) VALUES ({marks})", list(row.values())
        )
    complete_older_rows(con)


def _published_sources() -> dict[str, str]:
    """Warehouse table (schema.name) -> its contract name, for every table the pipeline
    publishes from the marts and the reference seeds."""
    found = {}
    for select in (*INDICATOR_TABLES.values(), *INTERNAL_INDICATOR_TABLES.values()):
        for schema, name in re.findall(r"FROM src\.(marts|reference)\.(\w+)", select):
            found[f"{schema}.{name}"] = name
    return found


def build_warehouse(
    db_path: Path,
    *,
    progress: Iterable[Mapping[str, Any]] | None = None,
    indicators: Iterable[Mapping[str, Any]] | None = None,
    geography: Iterable[Mapping[str, Any]] | None = None,
    loads: Iterable[Mapping[str, Any]] | None = None,
    disclosure: Iterable[Mapping[str, Any]] | None = None,
    internal: bool = False,
    tables: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
) -> Path:
    """A warehouse DuckDB with every table the pipeline publishes, built from the dbt contracts
    (marts.*, reference.*) and the real load audit (audit.extract_loads). Defaults: the story
    above for progress, indicators, geography, loads and disclosure (``internal``: with the
    internal columns filled); ``tables`` gives the rows of any other table by name; the rest
    are empty. An existing file at `db_path` is replaced."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.unlink(missing_ok=True)
    Path(f"{db_path}.wal").unlink(missing_ok=True)
    given = {
        "fct_indicator_progress": progress_rows() if progress is None else progress,
        "dim_indicators": indicator_rows() if indicators is None else indicators,
        "dim_geography": geography_rows() if geography is None else geography,
        "fct_disclosure_utility": disclosure_rows(internal) if disclosure is None else disclosure,
        "fct_indicator_values": values_rows(),
        "fct_indicator_status": status_rows(),
        **(tables or {}),
    }
    with duckdb.connect(str(db_path)) as con:
        con.execute("CREATE SCHEMA marts; CREATE SCHEMA reference")
        for table, name in _published_sources().items():
            schema = table.split(".")[0]
            create_table(con, name, given.pop(name, ()), schema)
        if given:
            raise KeyError(f"not published by the pipeline: {sorted(given)}")
        create_load_audit(con, load_rows() if loads is None else loads)
    return db_path


def publish_fixture_warehouse(
    kind: str, warehouse: Path, paths: Paths, metadata: Mapping[str, str] | None = None
) -> Path:
    """Publish a fixture warehouse as the pipeline does (pipeline.INDICATOR_TABLES for
    ``indicators``, INTERNAL_INDICATOR_TABLES for ``indicators_internal``, OPERATIONS_TABLES for
    ``operations``)."""
    tables = {
        "indicators": INDICATOR_TABLES,
        "indicators_internal": INTERNAL_INDICATOR_TABLES,
        "operations": OPERATIONS_TABLES,
    }[kind]
    return publish_tables(kind, warehouse, tables, paths, metadata=metadata)


def publish_fixture_snapshots(
    home: Path,
    *,
    indicators_snapshot: bool = True,
    operations_snapshot: bool = True,
    metadata: Mapping[str, str] | None = None,
    copy_default: bool = True,
    **rows: Any,
) -> Paths:
    """Build the warehouse under `home` and publish the requested snapshots into `Paths(home)`.
    `rows` may override progress=, indicators=, geography=, loads=, disclosure= and give
    tables= (see build_warehouse). The default home is built once per process and copied."""
    default = indicators_snapshot and operations_snapshot and not metadata and not rows
    if default and copy_default:
        shutil.copytree(_default_home(), home, symlinks=True, dirs_exist_ok=True)
        return Paths(home).ensure()
    paths = Paths(home).ensure()
    warehouse = build_warehouse(paths.warehouse, **rows)
    if indicators_snapshot:
        publish_fixture_warehouse(
            "indicators",
            warehouse,
            paths,
            {
                "latest_period": "2022-11-01",
                "suppression_threshold": "5",
                "rounding_base": "5",
                "rounding_max_error": "2",
                **(metadata or {}),
            },
        )
    if operations_snapshot:
        publish_fixture_warehouse("operations", warehouse, paths)
    return paths


@cache
def _default_home() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="roma_fixture_home_"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return publish_fixture_snapshots(folder / "home", copy_default=False).home
