"""What is published of each Roma cell at the Roma reporting points (quarter ends): the count
rounded to the rounding base, or nothing, with the rule that withheld it (complement or
audit). Computed by roma_monitor.privacy.disclosure; docs/privacy.md.

The audit of a family of indicators (those tied by upper bounds) takes seconds of linear
programming; a family whose inputs are the same as in the table's previous build (its digest:
cells, bounds, threshold, base, code) keeps that build's result. A SIF month that does not end a
quarter, or a quarterly source's correction, thus audits no family or only its own. A full
refresh audits every family afresh (the pipeline sets reuse_disclosure: false)."""

import duckdb

from roma_monitor.privacy.disclosure import FAMILY_DIGEST, REPORTING_MONTHS, protect_roma_cells


def previous_result(session, relation):
    """The table as the previous build left it, or None (first build, or built before digests)."""
    try:
        previous = session.sql(f"select * from {relation}")
    except duckdb.CatalogException:
        return None
    return previous.df() if FAMILY_DIGEST in previous.columns else None


def model(dbt, session):
    dbt.config(materialized="table")
    threshold = int(dbt.config.get("suppression_threshold"))
    base = int(dbt.config.get("rounding_base"))
    columns = "indicator_code, aggregation, period, geo_code, value"
    months = ", ".join(str(m) for m in REPORTING_MONTHS)
    values = dbt.ref("int_indicator_values_unsuppressed").filter(f"month(period) in ({months})")
    roma = values.filter("breakdown = 'ethnicity'").project(columns).df()
    total = values.filter("breakdown = 'total'").project(columns).df()
    parents = dbt.ref("dim_geography").project("geo_code, parent_geo_code").df()
    bounds = dbt.ref("int_indicator_upper_bounds").df()
    cells = (
        roma.rename(columns={"value": "roma"})
        .merge(
            total.rename(columns={"value": "total"}),
            on=["indicator_code", "aggregation", "period", "geo_code"],
        )
        .merge(parents, on="geo_code")
    )
    upper_bounds = dict(
        zip(bounds["indicator_code"], bounds["upper_bound_indicator_code"], strict=True)
    )
    # a full refresh (dbt build --full-refresh) audits every family afresh
    reuse = str(dbt.config.get("reuse_unchanged_families")).lower() == "true"
    previous = previous_result(session, dbt.this) if reuse else None
    published = protect_roma_cells(cells, upper_bounds, threshold, base, previous=previous)
    print(  # dbt shows a Python model's output in its log
        f"int_roma_cell_disclosure: {published.attrs['families_audited']} families audited, "
        f"{published.attrs['families_reused']} unchanged since the previous build"
    )
    # typed here: a frame with no rows, or with no cell withheld, has columns DuckDB would
    # otherwise type as NULL
    return session.from_df(published).project(
        "cast(indicator_code as varchar) as indicator_code, "
        "cast(period as date) as period, "
        "cast(geo_code as varchar) as geo_code, "
        "cast(published_value as bigint) as published_value, "
        "cast(withheld_reason as varchar) as withheld_reason, "
        f"cast({FAMILY_DIGEST} as varchar) as {FAMILY_DIGEST}"
    )
