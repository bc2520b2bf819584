"""Which Roma cells may not be published: primary, complement, difference and secondary
suppression, computed by roma_monitor.privacy.suppression (docs/privacy.md). One row per
withheld cell (indicator x month x geography) with the rule that withheld it."""

from roma_monitor.privacy.suppression import suppress_roma_cells


def model(dbt, session):
    dbt.config(materialized="table")
    threshold = int(dbt.config.get("suppression_threshold"))
    columns = ["indicator_code", "aggregation", "period", "geo_code", "value"]
    values = dbt.ref("int_indicator_values_unsuppressed")
    roma = values.filter("breakdown = 'ethnicity'").project(", ".join(columns)).df()
    total = values.filter("breakdown = 'total'").project(", ".join(columns)).df()
    parents = dbt.ref("dim_geography").project("geo_code, parent_geo_code").df()
    cells = (
        roma.rename(columns={"value": "roma"})
        .merge(
            total.rename(columns={"value": "total"}),
            on=["indicator_code", "aggregation", "period", "geo_code"],
        )
        .merge(parents, on="geo_code")
    )
    return suppress_roma_cells(cells, threshold)
