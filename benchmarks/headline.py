"""The headline indicators, three ways, for the benchmark's comparison (issue 6).

For each measure's participants indicator (`HEADLINE_INDICATORS`), at the latest period: the
cumulative number of people for Latvia, of Roma in Latvia, and per planning region. The counting
rule is the pipeline's (dbt `int_<source>__participants_at_entry` / `__indicator_units` and
`int_indicator_values_unsuppressed`): each person once, at entry (the first reporting month the
key appears in), in the municipality of entry mapped to its ATVK 2021 successor (the crosswalk's
primary successor for a pre-reform code; the vintage follows the entry month) and that
municipality's 2021 planning region; Roma = the ethnicity declared at entry. A cumulative value
at the latest period counts every entrant. Corrections (a resent extract superseding an earlier
one of the same period) are not modelled by the two direct methods: generated extracts have
none.

- `headline_duckdb_limit`: one DuckDB statement over the files (explicit column types), no
  validation: as fast as the figures can be had.
- `headline_pandas`: what a competent analyst would write with pandas.
- `headline_from_warehouse`: the same figures from the pipeline's published internal
  (unsuppressed) snapshot.

All three return the same tidy frame (`COLUMNS`), sorted; `compare_headlines` lists differences.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from roma_monitor.contracts.base import Contract
from roma_monitor.contracts.ikvd import IKVD_PUPIL_MONTHS
from roma_monitor.contracts.jspa import JSPA_PARTICIPANT_MONTHS
from roma_monitor.contracts.nva import NVA_PARTICIPANT_MONTHS
from roma_monitor.contracts.sif import SIF
from roma_monitor.settings import SEEDS_DIR

COLUMNS = ["indicator_code", "geo_level", "geo_code", "breakdown", "value"]
SORT_KEYS = COLUMNS[:-1]
COUNTRY = "LV"
ROMA = "romu"
REFORM_MONTH = "2021-07"  # YYYY-MM: the 2021 ATVK codes are in force from this month

# indicator -> (contract of its participant-month files, the person key column)
HEADLINE_INDICATORS: dict[str, tuple[Contract, str]] = {
    "SIF_9144_PARTICIPANTS": (SIF, "participant_key"),
    "NVA_741_PARTICIPANTS": (NVA_PARTICIPANT_MONTHS, "participant_key"),
    "JSPA_833_PARTICIPANTS": (JSPA_PARTICIPANT_MONTHS, "participant_key"),
    "IKVD_834_PUPILS": (IKVD_PUPIL_MONTHS, "pupil_key"),
}
REFERENCE_DIR = SEEDS_DIR / "reference"
CROSSWALK_CSV = REFERENCE_DIR / "ref_atvk_crosswalk_2009_2021.csv"
MUNICIPALITIES_2021_CSV = REFERENCE_DIR / "ref_municipalities_2021.csv"
PLANNING_REGIONS_CSV = REFERENCE_DIR / "ref_planning_regions.csv"
INTERNAL_SNAPSHOT_KIND = "indicators_internal"

# How DuckDB reads each contract type: months (YYYY-MM) stay text, which sorts like the month.
READ_CSV_TYPES = {
    "month": "VARCHAR",
    "date": "DATE",
    "integer": "INTEGER",
    "decimal": "DECIMAL(9, 2)",
}


ExtractDirs = Path | str | Sequence[Path | str]


def _folders(extracts_dir: ExtractDirs) -> list[Path]:
    if isinstance(extracts_dir, str | Path):
        return [Path(extracts_dir)]
    return [Path(d) for d in extracts_dir]


def extract_files(extracts_dir: ExtractDirs, contract: Contract) -> list[Path]:
    """The dataset's files in one or more extracts folders laid out like the landing area
    (`<dir>/<source>/<file>`), e.g. the history and a next month. A quarter sent again (a next
    month inside a quarter) repeats its earlier months unchanged, which changes no entry."""
    files = [
        path
        for folder in _folders(extracts_dir)
        for path in sorted((folder / contract.source).glob("*.csv"))
        if contract.period_of_file(path.name)
    ]
    if not files:
        raise FileNotFoundError(f"no {contract.dataset} files in {extracts_dir}")
    return files


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _read_csv_sql(extracts_dir: ExtractDirs, contract: Contract) -> str:
    columns = ", ".join(
        f"{_sql_text(c.name)}: {_sql_text(READ_CSV_TYPES.get(c.type, 'VARCHAR'))}"
        for c in contract.columns
    )
    files = ", ".join(_sql_text(str(f)) for f in extract_files(extracts_dir, contract))
    return (
        f"read_csv([{files}], delim = ';', header = true, auto_detect = false, "
        f"dateformat = '%d.%m.%Y', decimal_separator = ',', "
        f"columns = {{{columns}}})"
    )


def _limit_sql(extracts_dir: ExtractDirs) -> str:
    months = "\n        UNION ALL\n".join(
        f"        SELECT {_sql_text(code)} AS indicator_code, {key} AS unit_key, "
        f"reporting_month, municipality_atvk, ethnicity FROM {_read_csv_sql(extracts_dir, c)}"
        for code, (c, key) in HEADLINE_INDICATORS.items()
    )
    indicators = ", ".join(f"({_sql_text(code)})" for code in HEADLINE_INDICATORS)
    return f"""
    WITH
    successors AS (
        SELECT atvk_2009, atvk_2021
        FROM read_csv({_sql_text(str(CROSSWALK_CSV))}, all_varchar = true)
        WHERE is_primary = 'true'
    ),
    municipalities_2021 AS (
        SELECT atvk_2021, planning_region_code
        FROM read_csv({_sql_text(str(MUNICIPALITIES_2021_CSV))}, all_varchar = true)
    ),
    regions AS (
        SELECT planning_region_code
        FROM read_csv({_sql_text(str(PLANNING_REGIONS_CSV))}, all_varchar = true)
    ),
    places AS (
        SELECT successors.atvk_2009 AS atvk_code, '2009' AS vintage, planning_region_code
        FROM successors JOIN municipalities_2021 USING (atvk_2021)
        UNION ALL
        SELECT atvk_2021, '2021', planning_region_code FROM municipalities_2021
    ),
    months AS (
{months}
    ),
    entries AS (
        SELECT
            indicator_code,
            min(reporting_month) AS entry_month,
            arg_min(municipality_atvk, reporting_month) AS atvk_code,
            arg_min(ethnicity, reporting_month) AS ethnicity
        FROM months
        GROUP BY indicator_code, unit_key
    ),
    placed AS (
        SELECT entries.indicator_code, entries.ethnicity, places.planning_region_code
        FROM entries
        LEFT JOIN places
            ON places.atvk_code = entries.atvk_code
            AND places.vintage = CASE
                WHEN entries.entry_month < '{REFORM_MONTH}' THEN '2009' ELSE '2021' END
    ),
    by_country AS (
        SELECT
            indicator_code,
            count(*) AS persons,
            count(*) FILTER (WHERE ethnicity = '{ROMA}') AS roma
        FROM placed
        GROUP BY indicator_code
    ),
    by_region AS (
        SELECT indicator_code, planning_region_code, count(*) AS persons
        FROM placed
        WHERE planning_region_code IS NOT NULL
        GROUP BY indicator_code, planning_region_code
    ),
    indicators (indicator_code) AS (VALUES {indicators})
    SELECT indicator_code, 'country' AS geo_level, '{COUNTRY}' AS geo_code, 'total' AS breakdown,
           coalesce(persons, 0) AS value
    FROM indicators LEFT JOIN by_country USING (indicator_code)
    UNION ALL
    SELECT indicator_code, 'country', '{COUNTRY}', 'roma', coalesce(roma, 0)
    FROM indicators LEFT JOIN by_country USING (indicator_code)
    UNION ALL
    SELECT indicators.indicator_code, 'planning_region', regions.planning_region_code, 'total',
           coalesce(by_region.persons, 0)
    FROM indicators CROSS JOIN regions
    LEFT JOIN by_region
        ON by_region.indicator_code = indicators.indicator_code
        AND by_region.planning_region_code = regions.planning_region_code
    """


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """The common shape: `COLUMNS`, integer values, sorted, a fresh index."""
    frame = frame[COLUMNS].astype(
        {"indicator_code": str, "geo_level": str, "geo_code": str, "breakdown": str}
    )
    frame["value"] = frame["value"].astype("int64")
    return frame.sort_values(SORT_KEYS).reset_index(drop=True)


def headline_duckdb_limit(extracts_dir: ExtractDirs) -> pd.DataFrame:
    """The headline figures in one DuckDB statement over the files: the limit the pipeline is
    measured against (no validation, nothing stored). The contract gives the dialect and the
    types, so the reader does not sniff: sniffing each of ~140 files costs more than reading
    them."""
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        return tidy(con.execute(_limit_sql(extracts_dir)).df())


# --- what an analyst would write with pandas ---------------------------------------------------


def _read_months(files: list[Path], key: str) -> pd.DataFrame:
    usecols = ["reporting_month", key, "municipality_atvk", "ethnicity"]
    frames = [
        pd.read_csv(f, sep=";", decimal=",", usecols=usecols, dtype=str, encoding="utf-8-sig")
        for f in files
    ]
    return pd.concat(frames, ignore_index=True)


def _region_lookups() -> tuple[pd.Series, pd.Series, list[str]]:
    """Planning region by ATVK 2009 code (through its primary 2021 successor), by ATVK 2021
    code, and the list of regions."""
    crosswalk = pd.read_csv(CROSSWALK_CSV, dtype=str)
    crosswalk = crosswalk[crosswalk["is_primary"] == "true"]
    municipalities = pd.read_csv(MUNICIPALITIES_2021_CSV, dtype=str)
    region_2021 = municipalities.set_index("atvk_2021")["planning_region_code"]
    region_2009 = crosswalk.set_index("atvk_2009")["atvk_2021"].map(region_2021)
    regions = pd.read_csv(PLANNING_REGIONS_CSV, dtype=str)["planning_region_code"].tolist()
    return region_2009, region_2021, regions


def _entries(months: pd.DataFrame, key: str) -> pd.DataFrame:
    """Each person's first reporting month's record."""
    months = months.sort_values("reporting_month", kind="stable")
    return months.drop_duplicates(key, keep="first")


def headline_pandas(extracts_dir: ExtractDirs) -> pd.DataFrame:
    """The headline figures as a ministry analyst would compute them with pandas."""
    region_2009, region_2021, regions = _region_lookups()
    rows = []
    for code, (contract, key) in HEADLINE_INDICATORS.items():
        entries = _entries(_read_months(extract_files(extracts_dir, contract), key), key)
        before_reform = entries["reporting_month"] < REFORM_MONTH
        region = np.where(
            before_reform,
            entries["municipality_atvk"].map(region_2009),
            entries["municipality_atvk"].map(region_2021),
        )
        by_region = pd.Series(region).value_counts().reindex(regions, fill_value=0)
        rows.append((code, "country", COUNTRY, "total", len(entries)))
        rows.append((code, "country", COUNTRY, "roma", int((entries["ethnicity"] == ROMA).sum())))
        rows += [(code, "planning_region", r, "total", int(n)) for r, n in by_region.items()]
    return tidy(pd.DataFrame(rows, columns=COLUMNS))


# --- the pipeline's published figures ----------------------------------------------------------


def internal_snapshot(home: Path) -> Path:
    """The current `indicators_internal` snapshot file of a ROMA_HOME."""
    from roma_monitor.publish.snapshot import current_snapshot
    from roma_monitor.settings import Paths

    path = current_snapshot(INTERNAL_SNAPSHOT_KIND, Paths(Path(home)))
    if path is None:
        raise FileNotFoundError(f"no {INTERNAL_SNAPSHOT_KIND} snapshot published under {home}")
    return path


WAREHOUSE_SQL = """
    WITH latest AS (
        SELECT indicator_code, max(period) AS period
        FROM fct_indicator_values
        WHERE indicator_code IN ({codes})
        GROUP BY indicator_code
    )
    SELECT
        values.indicator_code,
        values.geo_level,
        values.geo_code,
        CASE WHEN values.breakdown = 'ethnicity' THEN 'roma' ELSE 'total' END AS breakdown,
        values.value
    FROM fct_indicator_values AS values
    JOIN latest USING (indicator_code, period)
    WHERE
        (values.geo_level = 'country' AND values.breakdown = 'total')
        OR (values.geo_level = 'country' AND values.breakdown = 'ethnicity'
            AND values.breakdown_value = 'roma')
        OR (values.geo_level = 'planning_region' AND values.breakdown = 'total')
"""


def headline_from_warehouse(duckdb_path: Path) -> pd.DataFrame:
    """The headline figures from the published internal (unsuppressed) snapshot: a snapshot
    file, or a ROMA_HOME folder (its current `indicators_internal` snapshot)."""
    path = Path(duckdb_path)
    if path.is_dir():
        path = internal_snapshot(path)
    codes = ", ".join(_sql_text(code) for code in HEADLINE_INDICATORS)
    with duckdb.connect(str(path), read_only=True) as con:
        frame = con.execute(WAREHOUSE_SQL.format(codes=codes)).df()
    if not np.allclose(frame["value"], frame["value"].round()):
        raise ValueError("a headline value in the snapshot is not a whole number of people")
    return tidy(frame.assign(value=frame["value"].round()))


def compare_headlines(a: pd.DataFrame, b: pd.DataFrame) -> list[str]:
    """Differences between two headline frames (missing cells, different values); empty when
    they agree."""
    merged = tidy(a).merge(
        tidy(b), on=SORT_KEYS, how="outer", suffixes=("_a", "_b"), indicator=True
    )
    differences = []
    for row in merged.to_dict("records"):
        cell = f"{row['indicator_code']} {row['geo_level']} {row['geo_code']} {row['breakdown']}"
        if row["_merge"] == "left_only":
            differences.append(f"{cell}: only in the first ({row['value_a']:.0f})")
        elif row["_merge"] == "right_only":
            differences.append(f"{cell}: only in the second ({row['value_b']:.0f})")
        elif row["value_a"] != row["value_b"]:
            differences.append(f"{cell}: {row['value_a']:.0f} != {row['value_b']:.0f}")
    return differences
