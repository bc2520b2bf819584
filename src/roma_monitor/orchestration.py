"""Names shared by the DAGs: assets and the warehouse pool."""

from airflow.sdk import Asset

# Every task that writes the DuckDB warehouse runs in this pool of size 1 (one writer per file).
WAREHOUSE_POOL = "roma_warehouse"
PUBLISHED_INDICATORS = Asset(name="roma_published_indicators", uri="roma://published/indicators")


def raw_asset(source: str) -> Asset:
    """Updated whenever an extract of `source` is loaded into the warehouse."""
    return Asset(name=f"roma_raw_{source}", uri=f"roma://warehouse/raw/{source}")
