"""`roma-monitor`: the pipeline's command line.

Every command imports what it needs when it runs: `validate` and `sample` work with the base
install (`pip install roma-monitor`); the others say which extra or that the repository they need
is missing, instead of a traceback.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path

import click

from roma_monitor.contracts.registry import SOURCES

# The modules each extra of pyproject.toml brings, beyond the base install.
EXTRA_MODULES = {
    "pipeline": {"airflow", "dbt", "yaml", "scipy", "highspy", "pyarrow"},
    "dashboard": {"streamlit", "babel", "fpdf", "matplotlib", "pyarrow", "yaml"},
}


def needs(*extras: str, repository: bool = False):
    """A command that needs an extra of the package, or the repository (dbt project, DAGs): a
    clear message when it is missing."""

    def decorate(command):
        @functools.wraps(command)
        def run(*args, **kwargs):
            from roma_monitor.settings import ProjectNotFound, require_project

            name = click.get_current_context().command_path
            try:
                if repository:
                    require_project(name)
                return command(*args, **kwargs)
            except ProjectNotFound as error:
                raise click.ClickException(str(error)) from error
            except ModuleNotFoundError as error:
                module = (error.name or "").partition(".")[0]
                wanted = [extra for extra in extras if module in EXTRA_MODULES[extra]]
                if not wanted:
                    raise
                raise click.ClickException(
                    f"{name} needs {module}, which the base install leaves out: "
                    f"pip install 'roma-monitor[{','.join(wanted)}]'"
                ) from error

        return run

    return decorate


@click.group()
def main() -> None:
    """Roma Platform Monitor: ESF measures reaching Roma against their end-2022 targets."""


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write into; one sub-folder per source.",
)
@click.option("--seed", type=int, default=2017, show_default=True)
@click.option("--source", "sources", multiple=True, type=click.Choice(SOURCES))
def sample(out_dir: Path, seed: int, sources: tuple[str, ...]) -> None:
    """Write deterministic sample extracts, as the agencies export them."""
    from roma_monitor.sample import write_samples

    for source, files in write_samples(out_dir, seed, list(sources) or None).items():
        click.echo(f"{source}: {len(files)} files in {out_dir / source}")


@main.command("sample-home")
@click.option("--seed", type=int, default=2017, show_default=True)
@needs("pipeline", repository=True)
def sample_home(seed: int) -> None:
    """Publish the sample into ROMA_HOME in this process (no Airflow, no gate except for one
    deliberately broken extract): quick data for the dashboard's screenshots and benchmarks."""
    from roma_monitor.sample.home import publish_sample_home
    from roma_monitor.settings import get_paths

    paths = publish_sample_home(get_paths(), seed)
    click.echo(f"published the sample (seed {seed}) into {paths.home}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", required=True, type=click.Choice(SOURCES))
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option(
    "--lang",
    type=click.Choice(["lv", "en"]),
    default="en",
    show_default=True,
    help="The language of the report (lv: latviski).",
)
def validate(file: Path, source: str, as_json: bool, lang: str) -> None:
    """Check an extract against its contract before sending it. Exit code 1 if it fails."""
    from roma_monitor.validate.gate import validate_source_file

    report = validate_source_file(file, source)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.summary() if report.passed else report.to_markdown(lang))
    sys.exit(0 if report.passed else 1)


GEO_LEVELS = ["country", "planning_region", "municipality"]
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


def _month(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.match(MONTH, value):
        raise click.BadParameter(f"{value!r} is not a month written YYYY-MM", param=param)
    return value


def kpi_options(command):
    """The filters and output formats shared by `kpis` and `internal-kpis`."""
    options = [
        click.option(
            "--json",
            "as_json",
            is_flag=True,
            help="One JSON object: indicators, status, milestones, baseline_context "
            "(and breakdowns).",
        ),
        click.option(
            "--jsonl",
            "as_jsonl",
            is_flag=True,
            help='JSON Lines, streamed: one object per row, its table in "table".',
        ),
        click.option(
            "--indicator",
            "indicators",
            multiple=True,
            help="Only this indicator code (repeatable).",
        ),
        click.option("--geo-level", type=click.Choice(GEO_LEVELS)),
        click.option(
            "--geo", "geos", multiple=True, help="Only this area (geo code, e.g. LATGALE)."
        ),
        click.option("--from", "period_from", callback=_month, help="First month, YYYY-MM."),
        click.option("--to", "period_to", callback=_month, help="Last month, YYYY-MM."),
        click.option("--latest", is_flag=True, help="Only each indicator's latest period."),
        click.option(
            "--breakdowns", is_flag=True, help="Also every breakdown (sex, age, Roma, …)."
        ),
        click.option(
            "--breakdown",
            "breakdown_names",
            multiple=True,
            help="Only this breakdown (sex, age_group, ethnicity, …); implies --breakdowns.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _kpi_filter(options: dict):
    from roma_monitor.serve.kpi_export import KpiFilter

    return KpiFilter(
        indicators=tuple(options["indicators"]),
        geo_level=options["geo_level"],
        geos=tuple(options["geos"]),
        period_from=options["period_from"],
        period_to=options["period_to"],
        breakdowns=tuple(options["breakdown_names"]),
        latest_only=options["latest"],
    )


def _write_kpis(con, options: dict) -> None:
    """The rows as JSON Lines (streamed) or one JSON document."""
    from roma_monitor.serve import kpi_export

    kpi_filter = _kpi_filter(options)
    if options["as_jsonl"]:
        for line in kpi_export.json_lines(con, kpi_filter, options["breakdowns"]):
            click.echo(line)
        return
    document = kpi_export.as_document(con, kpi_filter, options["breakdowns"])
    click.echo(json.dumps(document, ensure_ascii=False, indent=1, default=str))


def _connect(kind: str, required: bool = True):
    """A read-only connection to the current snapshot of `kind` (None if none is published and
    it is not `required`); a snapshot an older version of the code published is an error."""
    from roma_monitor.publish.snapshot import SnapshotOutdated, check_contract
    from roma_monitor.serve.queries import connect_current

    con = connect_current(kind)
    if con is None:
        if not required:
            return None
        raise click.ClickException(
            f"no {kind} snapshot is published yet; run the pipeline first (make demo)"
        )
    try:
        return check_contract(con, kind)
    except SnapshotOutdated as error:
        raise click.ClickException(str(error)) from error


@main.command()
@kpi_options
@needs("dashboard")
def kpis(**options) -> None:
    """Print the published indicators (never reads the warehouse), filtered by indicator, area,
    months and breakdown; --jsonl streams one row per line."""
    from roma_monitor.serve import kpi_export

    with _connect("indicators") as con:
        if options["as_json"] or options["as_jsonl"]:
            _write_kpis(con, options)
            return
        kpi_filter = _kpi_filter(options)
        status = list(kpi_export.stream_rows(con, "status", kpi_filter))
        indicators = list(kpi_export.stream_rows(con, "indicators", kpi_filter))
    for row in status:
        click.echo(
            f"{row['indicator']:<36} {row['period']} {row['value']:>12,.0f} / "
            f"{row['target_operator']} {row['target']:,.0f}  {row['progress_status']}"
        )
    with_target = {row["indicator"] for row in status}
    latest_country: dict[str, dict] = {}
    for row in indicators:
        if row["geo_level"] == "country" and row["indicator"] not in with_target:
            latest_country[row["indicator"]] = row  # rows come oldest first
    for code, row in latest_country.items():
        click.echo(f"{code:<36} {row['period']} {row['value']:>12,.0f}  no target set")


@main.command("internal-kpis")
@kpi_options
@needs("dashboard")
def internal_kpis(**options) -> None:
    """The Ministry's internal figures (exact Roma counts, nothing withheld) from the internal
    snapshot, as JSON Lines (or --json). Not for publication. Every call is recorded in the access
    audit like a download from the dashboard, before any figure is written."""
    from roma_monitor.serve.access_audit import record_cli_download

    if not options["as_json"]:
        options["as_jsonl"] = True
    months = (options["period_from"] or "", options["period_to"] or "")
    filters = {
        "measure": ",".join(options["indicators"]) or None,
        "region": ",".join(options["geos"]) or options["geo_level"],
        "period": "..".join(months) if any(months) else None,
        "breakdown": ",".join(options["breakdown_names"]) or None,
    }
    snapshot = "indicators_internal"
    with _connect(snapshot) as con:
        export = "jsonl" if options["as_jsonl"] else "json"
        try:
            record_cli_download("internal-kpis", export, filters, snapshot)
        except (OSError, ValueError) as error:
            raise click.ClickException(
                f"the access audit cannot be written ({error}); no figures without a record"
            ) from error
        _write_kpis(con, options)


@main.command("disclosure-utility")
@click.option("--json", "as_json", is_flag=True, help="The rows as a JSON list.")
@click.option(
    "--internal",
    is_flag=True,
    help="Read the Ministry's internal snapshot: adds the split by rule and the rounding error.",
)
@click.option("--measure", help="Only one measure's indicators (its SAM code, e.g. 7.4.1).")
@needs("dashboard")
def disclosure_utility_command(as_json: bool, internal: bool, measure: str | None) -> None:
    """What disclosure control published of the Roma cells, per geography level, at the latest
    quarter end and over every quarter end (docs/privacy.md)."""
    from roma_monitor.serve.queries.quality import disclosure_utility

    with _connect("indicators_internal" if internal else "indicators") as con:
        rows = disclosure_utility(con, measure)
    if as_json:
        records = rows.astype(object).where(rows.notna(), None).to_dict("records")
        click.echo(json.dumps(records, ensure_ascii=False, indent=1, default=str))
        return
    for row in rows.itertuples(index=False):
        when = f"at {row.period:%Y-%m}" if row.scope == "latest" else "every quarter end"
        line = (
            f"{row.geo_level:<16} {when:<18} {row.cells_published:>7,} of {row.cells:>7,} "
            f"published ({row.share_published:6.1%})"
        )
        if internal:
            line += (
                f"; withheld: {row.cells_withheld_complement} complement, "
                f"{row.cells_withheld_audit} audit; mean rounding error "
                f"{row.rounding_error_mean:.2f}"
            )
        click.echo(line)


@main.command()
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The PDF file to write.",
)
@click.option("--lang", type=click.Choice(["lv", "en"]), default="lv", show_default=True)
@needs("dashboard")
def report(out_file: Path, lang: str) -> None:
    """Write the printable "state of the platform" PDF from the current published snapshots
    (a one-page notice when nothing is published yet)."""
    from roma_monitor.serve.report_pdf import state_of_platform_pdf

    indicators = _connect("indicators", required=False)
    operations = _connect("operations", required=False)
    try:
        pdf = state_of_platform_pdf(indicators, operations, lang)
    finally:
        for con in (indicators, operations):
            if con is not None:
                con.close()
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_bytes(pdf)
    if indicators is None:
        click.echo("nothing is published yet: wrote a one-page notice", err=True)
    click.echo(f"wrote {out_file} ({len(pdf):,} bytes)")


@main.group()
def contracts() -> None:
    """Artefacts generated from the source contracts."""


@contracts.command("export")
@needs("pipeline", repository=True)
def contracts_export() -> None:
    """Write the GX suites, dbt sources and documentation pages generated from the contracts."""
    from roma_monitor.contracts.artefacts import write_artefacts

    for path in write_artefacts():
        click.echo(f"wrote {path}")


@contracts.command("check")
@needs("pipeline", repository=True)
def contracts_check() -> None:
    """Fail if a generated artefact differs from what the contracts produce now."""
    from roma_monitor.contracts.artefacts import stale_artefacts

    stale = stale_artefacts()
    if stale:
        raise click.ClickException(
            "out of date (run `roma-monitor contracts export`): " + ", ".join(str(p) for p in stale)
        )
    click.echo("generated artefacts are up to date")


@main.command("run-local")
@click.option("--source", "sources", multiple=True, type=click.Choice(SOURCES))
@needs("pipeline", repository=True)
def run_local(sources: tuple[str, ...]) -> None:
    """Run ingest → validate → load → dbt → publish in this process, without Airflow."""
    from roma_monitor import pipeline

    rejected = 0
    for source in sources or SOURCES:
        for path in pipeline.find_new_extracts(source):
            try:
                pipeline.load_validated(pipeline.validate_extract(path, source), source)
            except pipeline.ExtractRejected as error:
                rejected += 1
                click.echo(str(error), err=True)
    pipeline.publish_operations()
    pipeline.dbt_build()
    click.echo(f"published {pipeline.publish_indicators()}")
    sys.exit(1 if rejected else 0)


@main.command("rebuild-warehouse")
@click.option(
    "--allow-missing",
    is_flag=True,
    help="Rebuild even if loads the warehouse knows have no file in the archive (they are lost).",
)
@needs("pipeline", repository=True)
def rebuild_warehouse_command(allow_missing: bool) -> None:
    """Rebuild the warehouse from the archive of accepted extracts, in their original load
    order and with their load times (so corrections supersede exactly as before), run dbt,
    swap it in for the warehouse (the old file is kept as a backup) and publish."""
    from roma_monitor.rebuild import RebuildError, rebuild_warehouse
    from roma_monitor.settings import get_paths

    try:
        summary = rebuild_warehouse(get_paths(), allow_missing=allow_missing)
    except RebuildError as error:
        raise click.ClickException(f"{error}; the warehouse was left as it was") from error
    for line in summary.lines():
        click.echo(line)


@main.command("airflow-env")
@needs(repository=True)
def airflow_env() -> None:
    """Print the shell exports Airflow runs with (eval "$(roma-monitor airflow-env)")."""
    from roma_monitor.airflow_env import airflow_environment, as_shell_exports

    click.echo(as_shell_exports(airflow_environment()))
