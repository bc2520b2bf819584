"""The published indicator table as plain records (for `roma-monitor kpis --json`)."""

from __future__ import annotations

from roma_monitor.publish.snapshot import connect_published
from roma_monitor.settings import Paths

KPI_QUERY = """
SELECT
    indicator_code AS indicator, sam, source, geo_level, geo_code, geo_name_lv, geo_name_en,
    strftime(period, '%Y-%m') AS period, value, value_in_period, target, target_operator,
    strftime(target_date, '%Y-%m-%d') AS target_date, share_of_target, expected_to_date, on_track,
    roma_value, roma_value_suppressed, ethnicity_coverage
FROM fct_indicator_progress
WHERE (? IS NULL OR geo_level = ?)
  AND (NOT ? OR period = (SELECT max(period) FROM fct_indicator_progress))
ORDER BY indicator, period,
    CASE geo_level WHEN 'country' THEN 0 WHEN 'planning_region' THEN 1 ELSE 2 END, geo_code
"""


def published_kpis(
    geo_level: str | None = None, latest_only: bool = False, paths: Paths | None = None
) -> list[dict]:
    with connect_published("indicators", paths) as con:
        cursor = con.execute(KPI_QUERY, [geo_level, geo_level, latest_only])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
