"""The dashboard keeps serving while the pipeline publishes: no error, no lock error, and never a
half-updated view. Real publishes (`pipeline.publish_indicators`) in another process, real page
renders (AppTest) on a copy of the published sample."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from roma_monitor.settings import PROJECT_ROOT, Paths

DASHBOARD = PROJECT_ROOT / "dashboard"
# The pages every role sees; each render is the entry script's run, then the page's.
PAGES = (
    "app_pages/overview.py",
    "app_pages/measure.py",
    "app_pages/regions.py",
    "app_pages/platform.py",
    "app_pages/methodology.py",
)
VERSION_IN_NAME = re.compile(r"indicators_(?P<version>[^/]+)\.duckdb$")
PUBLISH = "from roma_monitor import pipeline; print(pipeline.publish_indicators(), flush=True)"
PUBLISH_UNTIL_STOPPED = """
import sys, time
from pathlib import Path
from roma_monitor import pipeline

while not Path(sys.argv[1]).exists():
    print(pipeline.publish_indicators(), flush=True)
    time.sleep(0.5)
"""


@pytest.fixture
def snapshot_reads(sample_copy, monkeypatch) -> list[tuple[str, str | None]]:
    """Every snapshot the app resolves, as (kind, file), in order: `app_data.snapshot_path` is
    the dashboard's one way to a snapshot."""
    if str(DASHBOARD) not in sys.path:  # the dashboard's modules import each other by name
        sys.path.insert(0, str(DASHBOARD))
    import app_data

    reads: list[tuple[str, str | None]] = []
    resolve = app_data.snapshot_path

    def recorded(kind: str) -> str | None:
        path = resolve(kind)
        reads.append((kind, path))
        return path

    monkeypatch.setattr(app_data, "snapshot_path", recorded)
    return reads


def _python(code: str, paths: Paths, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "ROMA_HOME": str(paths.home)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


@contextmanager
def publishing(paths: Paths, stop: Path) -> Iterator[list[str]]:
    """Publish new indicator snapshots in another process until the block ends; yields the
    versions published (filled in at the end)."""
    publisher = _python(PUBLISH_UNTIL_STOPPED, paths, str(stop))
    published: list[str] = []
    try:
        yield published
    finally:
        stop.touch()
        output, _ = publisher.communicate(timeout=300)
    assert publisher.returncode == 0, output[-3000:]
    published += [line for line in output.splitlines() if line.endswith(".duckdb")]


def _render(page: str) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD / "streamlit_app.py"), default_timeout=120)
    at.switch_page(page)
    return at.run()


def _indicator_files(reads: list[tuple[str, str | None]]) -> set[str]:
    return {path for kind, path in reads if kind == "indicators"}


def _assert_served(at: AppTest, reads: list[tuple[str, str | None]]) -> None:
    """No exception, no lock error, every read found a whole published snapshot, and the version
    the methodology page prints (from the snapshot's publication table) is one the run read."""
    assert not at.exception, [e.message for e in at.exception]
    shown = " ".join(str(e.value) for e in [*at.error, *at.warning])
    assert "lock" not in shown.lower(), shown
    files = _indicator_files(reads)
    assert files and None not in files, reads
    for caption in at.caption:
        version = re.search(r"\((?:versija|version) ([^)]+)\)", str(caption.value))
        if version:
            assert version[1] in {VERSION_IN_NAME.search(f)["version"] for f in files}


def test_pages_keep_rendering_while_snapshots_are_published(sample_copy, snapshot_reads, tmp_path):
    versions_read: set[str] = set()
    # Pages render faster than a new process publishes: keep rendering (every page at least
    # twice) until the pages have read three published versions besides the one already there,
    # or for at most two minutes.
    deadline = time.monotonic() + 120
    rounds = 0
    with publishing(sample_copy, tmp_path / "stop") as published:
        while rounds < 2 or (len(versions_read) < 4 and time.monotonic() < deadline):
            for page in PAGES:
                at = _render(page)
                _assert_served(at, snapshot_reads)
                versions_read |= {Path(f).name for f in _indicator_files(snapshot_reads)}
                snapshot_reads.clear()
            rounds += 1
    assert len(published) >= 3, "snapshots were published while the pages rendered"
    assert len(versions_read) >= 2, "the pages read the new snapshots as they came"


def test_a_publish_during_a_script_run_does_not_mix_two_versions(
    sample_copy, snapshot_reads, monkeypatch
):
    """A publish lands right after the run resolved its first snapshot (for the filters) and
    before the page resolves its own: the whole run must still read one version."""
    import app_data

    resolve = app_data.snapshot_path
    published: list[str] = []

    def publish_after_first_read(kind: str) -> str | None:
        path = resolve(kind)
        if not published:
            done = _python(PUBLISH, sample_copy)
            published.append(done.communicate(timeout=300)[0].strip())
        return path

    monkeypatch.setattr(app_data, "snapshot_path", publish_after_first_read)
    at = _render("app_pages/methodology.py")
    assert published and published[0].endswith(".duckdb"), published
    _assert_served(at, snapshot_reads)
    assert len(_indicator_files(snapshot_reads)) == 1, snapshot_reads
