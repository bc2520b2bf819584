"""docs/benchmarks.md from the results of `benchmarks.run`."""

from __future__ import annotations

from pathlib import Path

from benchmarks.stages import PIPELINE_STAGES

# The targets of issue 6: each ratio's upper limit.
TARGETS = {
    "pipeline_vs_limit": 2.0,
    "pipeline_vs_pandas": 1.0,
    "gate_vs_load": 1.0,
    "new_month_vs_full": 0.10,
    "peak_rss_gb": 4.0,
    "dashboard_ms": 300.0,
}

# The sizes a target is stated for (issue 6); the others show the ratio without a verdict.
TARGET_SIZES = {
    "pipeline_vs_limit": ("10M",),
    "pipeline_vs_pandas": ("1M", "10M"),
    "new_month_vs_full": ("10M",),
    "peak_rss_gb": ("10M",),
}
STAGE_NAMES = {
    "validate": "read + validate (gate)",
    "load": "load",
    "dbt": "dbt build",
    "publish": "publish",
    "limit": "DuckDB limit (read_csv + one SQL statement)",
    "pandas": "pandas analyst script",
}
RATIO_NAMES = {
    "pipeline_vs_limit": ("pipeline ÷ DuckDB limit", "≤ 2 at 10 M"),
    "pipeline_vs_pandas": ("pipeline ÷ pandas script", "≤ 1 at ≥ 1 M"),
    "gate_vs_load": ("gate ÷ load", "≤ 1"),
    "new_month_vs_full": ("new month ÷ full run", "≤ 0.10 at 10 M"),
    "new_month_dbt_vs_full_dbt": ("new month's dbt ÷ full dbt", "–"),
    "peak_rss_gb": ("peak memory of any stage, GB", "≤ 4 at 10 M"),
    "dashboard_ms": ("slowest dashboard interaction, median ms", "≤ 300"),
}


def _n(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}".replace(",", " ")
    return text


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(r) + " |" for r in rows),
        "",
    ]


def stage_rows(results: dict) -> list[list[str]]:
    rows = []
    for label, result in results["sizes"].items():
        for group in ("stages", "methods"):
            for stage, m in result[group].items():
                rows_done = result["rows"]
                rows.append(
                    [
                        label,
                        STAGE_NAMES[stage],
                        _n(m["seconds"]),
                        ", ".join(_n(s) for s in m["all_seconds"]),
                        _n(rows_done / m["seconds"], 0) if m["seconds"] else "–",
                        _n(m["peak_rss_mb"], 0),
                    ]
                )
        pipeline = result["ratios"]["pipeline_s"]
        rows.append(
            [
                label,
                "**pipeline (4 stages)**",
                f"**{_n(pipeline)}**",
                "",
                _n(result["rows"] / pipeline, 0),
                "",
            ]
        )
    return rows


def ratio_rows(results: dict) -> list[list[str]]:
    rows = []
    for label, result in results["sizes"].items():
        for key, (name, target) in RATIO_NAMES.items():
            if key not in result["ratios"]:
                continue
            value = result["ratios"][key]
            limit = TARGETS.get(key)
            verdict = "–"
            applies = label in TARGET_SIZES.get(key, (label,))
            if limit is not None and target != "–":
                verdict = "met" if value <= limit else f"missed by {_n(value / limit, 2)}×"
                if not applies:
                    verdict = f"(target is for {', '.join(TARGET_SIZES[key])})"
            rows.append([label, name, _n(value, 3 if value < 10 else 1), target, verdict])
    return rows


def new_month_rows(results: dict) -> list[list[str]]:
    rows = []
    for label, result in results["sizes"].items():
        if "new_month" not in result:
            continue
        for stage in PIPELINE_STAGES:
            month, full = result["new_month"][stage], result["stages"][stage]
            rows.append(
                [
                    label,
                    STAGE_NAMES[stage],
                    _n(month["seconds"]),
                    _n(full["seconds"]),
                    _n(month["seconds"] / full["seconds"], 3),
                ]
            )
    return rows


def dashboard_rows(results: dict) -> list[list[str]]:
    for label, result in results["sizes"].items():
        if "dashboard" in result:
            return [
                [label, d["page"], d["interaction"], _n(d["median_ms"], 1), _n(d["p90_ms"], 1)]
                for d in result["dashboard"]
            ]
    return []


LEVEL_NAMES = {
    "country": "Latvia",
    "planning_region": "planning regions",
    "municipality": "municipalities",
}


def disclosure_rows(results: dict) -> list[list[str]]:
    rows = []
    for label, result in results["sizes"].items():
        disclosure = result.get("disclosure")
        if not disclosure:
            continue
        for u in disclosure["utility"]:
            rows.append(
                [
                    label,
                    LEVEL_NAMES.get(u["geo_level"], u["geo_level"]),
                    "latest quarter end" if u["scope"] == "latest" else "every quarter end",
                    _n(u["cells"], 0),
                    _n(100 * u["share_published"], 1) + " %",
                    _n(u["cells_withheld_complement"], 0),
                    _n(u["cells_withheld_audit"], 0),
                    _n(u["rounding_error_mean"]),
                ]
            )
    return rows


def render(results: dict) -> str:
    machine = results["machine"]
    versions = ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
    lines = [
        "# Benchmarks at national scale",
        "",
        "Generated by `make bench` (`python -m benchmarks.run`); do not edit by hand.",
        "Method, design decisions and the profiles behind the figures: "
        "[performance.md](performance.md).",
        "",
        f"- Measured {machine['date']} on {machine['cores']} cores, {machine['memory_gb']} GB "
        f"memory ({machine['system']}, Python {machine['python']}); load average at the start "
        f"{machine['load_average']:.2f}.",
        f"- Versions: {versions}.",
        f"- Each stage ran {results['runs']} time(s) on a fresh home, each in its own process "
        "(as an Airflow task runs it; interpreter start and imports are Airflow's per-task "
        "cost, measured below). Times are medians; peak memory is the largest RSS of the runs "
        "(a stage's own process or the dbt process it waits for).",
        "- The pipeline's, the DuckDB limit's and the pandas script's headline figures "
        "(participants in total, Roma, and per planning region, for the four participant "
        "indicators) were compared at every size and agreed.",
        "",
        "## Extracts",
        "",
    ]
    lines += _table(
        ["size", "rows", "files", "MB", "generated in s"],
        [
            [
                label,
                _n(r["rows"], 0),
                str(r["files"]),
                _n(r["bytes"] / 1e6, 0),
                _n(r["generate_seconds"]) if r["generate_seconds"] else "reused",
            ]
            for label, r in results["sizes"].items()
        ],
    )
    lines += ["## Stages", ""]
    lines += _table(
        ["size", "stage", "median s", "runs, s", "rows/s", "peak RSS MB"], stage_rows(results)
    )
    lines += ["## Targets", ""]
    lines += _table(["size", "ratio", "value", "target", "verdict"], ratio_rows(results))
    disclosure = disclosure_rows(results)
    if disclosure:
        lines += [
            "## Roma disclosure control",
            "",
            "What the council's view publishes of the Roma cells (docs/privacy.md): quarter "
            "ends, rounded to 5; withheld by the complement rule or by the audit. The step's "
            "own time (roma_monitor.privacy.disclosure on the Roma cells, median):",
            "",
        ]
        lines += [
            f"- {label}: {_n(r['disclosure']['cells'], 0)} cells in "
            f"{_n(r['disclosure']['seconds'], 1)} s"
            for label, r in results["sizes"].items()
            if r.get("disclosure")
        ] + [""]
        lines += _table(
            [
                "size",
                "level",
                "points",
                "cells",
                "published",
                "withheld: complement",
                "withheld: audit",
                "mean rounding error",
            ],
            disclosure,
        )
    month = new_month_rows(results)
    if month:
        lines += ["## A new month on top of the history", ""]
        lines += _table(["size", "stage", "new month s", "full run s", "ratio"], month)
    dashboard = dashboard_rows(results)
    if dashboard:
        lines += ["## Dashboard interactions (server time, warm caches)", ""]
        lines += _table(["size", "page", "interaction", "median ms", "p90 ms"], dashboard)
    if "airflow" in results:
        from benchmarks.airflow_cost import format_markdown

        lines += [
            "## Airflow's own cost",
            "",
            format_markdown(results["airflow"], results.get("airflow_runs", results["runs"])),
        ]
    return "\n".join(lines).rstrip() + "\n"


def write_report(results: dict, out: Path) -> str:
    text = render(results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text
