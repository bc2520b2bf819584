"""Server time per dashboard interaction on the published snapshots of a data home.

The issue's aim is at most 300 ms of server time per dashboard interaction, on marts built from
10 M participant-months. ``measure_dashboard`` runs the real entry file
(``dashboard/streamlit_app.py``) with Streamlit's AppTest, signed in as a data engineer (who
sees every page), and times ``AppTest.run()`` for every page of its ``PAGES`` list and each
interaction:

- ``first load``: a new session opens the page (``?lang=lv``);
- ``change language`` / ``change measure`` / ``change region`` / ``change period``: the sidebar
  widgets, switched back and forth (lv ↔ en; all ↔ the first measure; Latvia ↔ Latgale;
  the latest month ↔ twelve months earlier);
- ``change indicator`` / ``change level``: the page's own indicator picker and map level,
  where the page has them (measure and regions pages).

**Warm** runs find the query caches filled (every visitor after the first); **cold** runs
clear ``st.cache_data`` and ``st.cache_resource`` just before (the first visitor after a new
publication: the queries run on the snapshot). Two costs a server pays once at start are kept
out, as they are not per interaction: AppTest's scan of the installed packages for custom
components and its compiling the scripts on every run (one shared script cache, as a server's
sessions share one). Network, websocket and the browser's drawing are not included.

``benchmarks/dashboard_report.py`` (``make bench-dashboard``) writes the report
docs/benchmarks/dashboard.md from the same function; the benchmark harness calls it on the
home a large pipeline run published.
"""

from __future__ import annotations

import ast
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from roma_monitor.publish.snapshot import current_snapshot
from roma_monitor.settings import Paths

PROJECT_ROOT = Path(__file__).resolve().parents[1]
APP_FILE = PROJECT_ROOT / "dashboard" / "streamlit_app.py"
AIM_MS = 300.0
RUN_TIMEOUT = 300  # seconds: a cold run on a large snapshot must not time out
COUNTRY = "LV"
REGION = "LATGALE"
INDICATOR_KEY = "indicator"  # the measure and regions pages' indicator picker
LEVEL_KEY = "level"  # the regions page's map level
WIDGET_KINDS = ("radio", "selectbox", "select_slider", "segmented_control", "pills")
NO_WIDGET = "no such widget on this page"

# A signed-in data engineer sees every page (docs/access.md).
BENCH_USER = {
    "is_logged_in": True,
    "iss": "https://idp.bench",
    "sub": "bench",
    "roles": ["engineer"],
}
BENCH_AUDIT_KEY = "bench-audit-key-not-a-secret"  # at least 16 bytes, or sign-in is refused


@dataclass(frozen=True)
class Page:
    file: str
    url_path: str


@dataclass
class Timings:
    """Milliseconds of the timed runs of one interaction; ``note`` says why there are none."""

    warm: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class SnapshotFacts:
    """What the published indicators snapshot holds: the values the interactions switch
    between, and its size."""

    months: list[str]
    measure: str
    indicators: list[str]
    values_rows: int
    progress_rows: int
    indicator_count: int


def dashboard_pages(app_file: Path = APP_FILE) -> list[Page]:
    """The pages the entry file registers, read from its ``PAGES`` literal (importing the entry
    file would run it as a Streamlit script)."""
    tree = ast.parse(app_file.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "PAGES" for target in node.targets
        ):
            return [Page(file, path) for file, path, *_ in ast.literal_eval(node.value)]
    raise LookupError(f"no PAGES list in {app_file.name}")


def snapshot_facts(home: Path) -> SnapshotFacts:
    """The facts of the current indicators snapshot of ``home``; SystemExit if none."""
    from roma_monitor.serve import queries as q

    path = current_snapshot("indicators", Paths(home))
    if path is None:
        raise SystemExit(f"nothing is published in {home}")
    with duckdb.connect(str(path), read_only=True) as con:

        def scalar(sql: str) -> Any:
            return con.execute(sql).fetchone()[0]

        return SnapshotFacts(
            months=[f"{month:%Y-%m}" for month in q.list_periods(con)],
            measure=str(q.list_measures(con)["sam"].iloc[0]),
            indicators=[
                row[0]
                for row in con.execute(
                    "select indicator_code from dim_indicators order by indicator_code"
                ).fetchall()
            ],
            values_rows=scalar("select count(*) from fct_indicator_values"),
            progress_rows=scalar("select count(*) from fct_indicator_progress"),
            indicator_count=scalar("select count(*) from dim_indicators"),
        )


# --- statistics ------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p90(values: Sequence[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def summary(page: Page, interaction: str, timings: Timings) -> dict[str, Any]:
    """One row of ``measure_dashboard``'s result."""

    def stats(values: list[float], prefix: str) -> dict[str, float | None]:
        if not values:
            return {f"{prefix}median_ms": None, f"{prefix}p90_ms": None, f"{prefix}max_ms": None}
        return {
            f"{prefix}median_ms": round(median(values), 1),
            f"{prefix}p90_ms": round(p90(values), 1),
            f"{prefix}max_ms": round(max(values), 1),
        }

    return {
        "page": page.url_path,
        "interaction": interaction,
        **stats(timings.warm, ""),
        **stats(timings.cold, "cold_"),
        "runs": len(timings.warm),
        "note": timings.note,
    }


# --- running the app -------------------------------------------------------------------------


@contextmanager
def bench_environment(home: Path) -> Iterator[None]:
    """The dashboard's settings for the runs (the data home, sign-in as in production, the
    access audit in a scratch folder) and one script cache for all AppTest runs; afterwards
    Streamlit's caches are cleared and everything is put back."""
    import streamlit as st
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test as app_test_module

    overrides = {
        "ROMA_HOME": str(home),
        "ROMA_AUTH": "oidc",
        "ROMA_AUDIT_KEY": BENCH_AUDIT_KEY,
    }
    removed = ("ROMA_SUPPRESSION_THRESHOLD", "ROMA_AUDIT_KEY_FILE")
    saved = {name: os.environ.get(name) for name in (*overrides, *removed, "ROMA_AUDIT_DIR")}
    logging_disabled = logging.root.manager.disable
    script_cache = getattr(app_test_module, "ScriptCache", None)
    with tempfile.TemporaryDirectory(prefix="roma_bench_audit_") as audit_dir:
        os.environ.update(overrides, ROMA_AUDIT_DIR=audit_dir)
        for name in removed:
            os.environ.pop(name, None)
        logging.disable(logging.WARNING)  # AppTest's bare-mode notices, once per session
        if script_cache is not None:
            # AppTest compiles the entry file and the page on every run (a new ScriptCache each
            # time; ~10 % of a run); a server compiles each file once for all sessions.
            shared = ScriptCache()
            app_test_module.ScriptCache = lambda: shared
        try:
            yield
        finally:
            st.cache_data.clear()
            st.cache_resource.clear()
            if script_cache is not None:
                app_test_module.ScriptCache = script_cache
            logging.disable(logging_disabled)
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


class Runner:
    """New AppTest sessions of the entry file, timed runs, and the widgets they switch."""

    def __init__(self, app_file: Path = APP_FILE) -> None:
        self.app_file = app_file
        self._components = None

    def new_session(self, page: Page, lang: str = "lv") -> Any:
        """A new browser session on ``page``. AppTest scans every installed package for custom
        components on a new instance's first run (~0.3 s); a server does that once at start,
        so the scan of the first instance is handed to the later ones."""
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(self.app_file), default_timeout=RUN_TIMEOUT)
        if self._components is not None and hasattr(at, "_bidi_component_manager"):
            at._bidi_component_manager = self._components
        at.user = dict(BENCH_USER)
        at.query_params["lang"] = lang
        return at.switch_page(page.file)

    def remember_components(self, at: Any) -> None:
        self._components = getattr(at, "_bidi_component_manager", None)

    @staticmethod
    def timed_run(at: Any) -> float:
        """Milliseconds of one script run; an exception or an error message on the page (the
        sign-in refused, the audit failing) aborts the interaction: it would time the wrong
        page."""
        start = time.perf_counter()
        at.run(timeout=RUN_TIMEOUT)
        elapsed = (time.perf_counter() - start) * 1000
        if at.exception:
            raise RuntimeError(at.exception[0].message.splitlines()[0])
        if at.error:
            raise RuntimeError(str(at.error[0].value).splitlines()[0])
        return elapsed

    @staticmethod
    def widget(at: Any, key: str) -> Any:
        """The widget with ``key`` in the last run, whatever its kind, or None."""
        for kind in WIDGET_KINDS:
            finder = getattr(at, kind, None)
            if finder is None:
                continue
            try:
                return finder(key=key)
            except KeyError:
                continue
        return None


def clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def time_first_load(runner: Runner, page: Page, runs: int, cold: bool) -> Timings:
    """A new session's first run of the page."""
    timings = Timings()
    runner.timed_run(runner.new_session(page))  # fills the caches
    for _ in range(runs):
        timings.warm.append(runner.timed_run(runner.new_session(page)))
    for _ in range(runs if cold else 0):
        at = runner.new_session(page)
        clear_caches()
        timings.cold.append(runner.timed_run(at))
    return timings


Choices = Callable[[Any], list | None]


def time_toggle(
    runner: Runner, page: Page, key: str, values: Choices, runs: int, cold: bool
) -> Timings:
    """Switch widget ``key`` between ``values(at)`` (two or more raw values; the last is where
    the warm-up leaves it), one timed run per switch."""
    at = runner.new_session(page)
    runner.timed_run(at)
    if runner.widget(at, key) is None:
        return Timings(note=NO_WIDGET)
    choices = values(at)
    if not choices or len(choices) < 2:
        return Timings(note="fewer than two choices")
    for value in choices:  # warm-up: every state once
        runner.widget(at, key).set_value(value)
        runner.timed_run(at)
    timings = Timings()
    for series, clear in ((timings.warm, False), (timings.cold, True)):
        if clear and not cold:
            break
        for i in range(runs):
            runner.widget(at, key).set_value(choices[i % len(choices)])
            if clear:
                clear_caches()
            series.append(runner.timed_run(at))
    return timings


def _label(picker: Any, code: str) -> str | None:
    try:
        return str(picker.format_func(code))
    except (KeyError, LookupError, TypeError, ValueError):  # not one of the picker's options
        return None


def indicator_choices(facts: SnapshotFacts) -> Choices:
    """Another indicator, then the one shown: the picker's options are indicator codes shown
    through a format function, so the codes are matched against the displayed labels."""

    def choose(at: Any) -> list | None:
        picker = Runner.widget(at, INDICATOR_KEY)
        shown = set(picker.options)
        codes = [c for c in facts.indicators if _label(picker, c) in shown]
        others = [c for c in codes if c != picker.value]
        return [others[0], picker.value] if others else None

    return choose


Measure = Callable[[Runner, Page, int, bool], Timings]


def interactions(facts: SnapshotFacts) -> dict[str, Measure]:
    """Each interaction's name and how it is timed."""
    months = facts.months or [None]
    latest, year_before = months[-1], months[-13] if len(months) > 12 else months[0]

    def fixed(*values: Any) -> Choices:
        return lambda _at: list(values)

    def toggle(key: str, choices: Choices) -> Measure:
        return lambda runner, page, runs, cold: time_toggle(runner, page, key, choices, runs, cold)

    return {
        "first load": time_first_load,
        "change language": toggle("lang", fixed("en", "lv")),
        "change measure": toggle("measure", fixed(facts.measure, "all")),
        "change region": toggle("region", fixed(REGION, COUNTRY)),
        "change period": toggle("period", fixed(year_before, latest)),
        "change indicator": toggle(INDICATOR_KEY, indicator_choices(facts)),
        "change level": toggle(LEVEL_KEY, fixed("municipality", "planning_region")),
    }


def measure_dashboard(
    home: Path,
    runs: int = 5,
    *,
    pages: Sequence[str] | None = None,
    cold: bool = True,
    app_file: Path = APP_FILE,
    progress: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Server time of every dashboard interaction on the published snapshots of ``home`` (a
    ROMA_HOME; read only), ``runs`` timed runs of each.

    One dict per page and interaction the page has: ``page`` (url path), ``interaction``,
    ``median_ms``, ``p90_ms``, ``max_ms`` (warm: the caches filled), the same as
    ``cold_median_ms``, ``cold_p90_ms``, ``cold_max_ms`` (caches cleared before each run;
    None with ``cold=False``), ``runs`` and ``note`` (why a row has no figures: an exception
    in the page, which is not a figure). ``pages`` limits the run to those url paths;
    ``progress`` is told each interaction as it starts."""
    facts = snapshot_facts(home)
    rows: list[dict[str, Any]] = []
    with bench_environment(Path(home).resolve()):
        runner = Runner(app_file)
        chosen = [p for p in dashboard_pages(app_file) if not pages or p.url_path in pages]
        working = []
        for page in chosen:  # imports and module-level loads belong to server start, not here
            at = runner.new_session(page)
            try:
                runner.timed_run(at)
                working.append(page)
            except RuntimeError as error:
                rows.append(summary(page, "first load", Timings(note=_note(error))))
            runner.remember_components(at)
        for page in working:
            for name, measure in interactions(facts).items():
                if progress is not None:
                    progress(f"{page.url_path}: {name}")
                try:
                    timings = measure(runner, page, runs, cold)
                except RuntimeError as error:
                    timings = Timings(note=_note(error))
                if timings.note != NO_WIDGET:
                    rows.append(summary(page, name, timings))
    return rows


def _note(error: Exception) -> str:
    return f"exception: {error}"[:80].replace("|", "/")
