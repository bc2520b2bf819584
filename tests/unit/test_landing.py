"""The landing folder is supplier-proof (roma_monitor.ingest.landing): links and special files are
refused unread, a hard-linked file is archived as a copy, and no reference holds a personal code.
Real files, a real warehouse."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import shutil
import signal
import socket
import stat
from pathlib import Path

import duckdb
import pytest

from roma_monitor import pipeline
from roma_monitor.ingest import landing
from roma_monitor.ingest.load import ExtractChangedError, load_extract
from roma_monitor.ingest.reader import sha256_of
from roma_monitor.privacy.personal_codes import contains_personal_code
from roma_monitor.settings import PROJECT_ROOT, Paths
from tests.conftest import sif_row, write_extract

NAME = "SIF_9144_202109.csv"


@pytest.fixture
def fails_instead_of_blocking():
    """A watchdog: anything that opens a FIFO blocks, and fails the test instead of hanging it."""

    def expired(signum, frame):
        raise TimeoutError("blocked: a landing entry was opened")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _folder(paths) -> Path:
    folder = paths.landing_for("sif")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _audit(paths) -> list[tuple]:
    if not paths.warehouse.exists():
        return []
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        return con.execute(
            "SELECT status, file_name, sha256, rows, message, report_path, report_markdown "
            "FROM audit.extract_loads ORDER BY started_at"
        ).fetchall()


def _state(path: Path) -> tuple:
    """What a test may check of a link's target: its kind, mode, times, links and bytes."""
    status = os.lstat(path)
    content = None
    if stat.S_ISREG(status.st_mode):
        content = path.read_bytes()
    elif stat.S_ISDIR(status.st_mode):
        content = sorted(os.listdir(path))
    return status.st_mode, status.st_mtime_ns, status.st_ctime_ns, status.st_nlink, content


# --- 1. links and special files are refused unread ---------------------------------------------


def _symlink_to_file(folder: Path, outside: Path) -> Path:
    target = write_extract(outside / NAME, [sif_row()])
    (folder / NAME).symlink_to(target)
    return target


def _symlink_to_folder(folder: Path, outside: Path) -> Path:
    target = outside / "exports"
    write_extract(target / NAME, [sif_row()])
    (folder / NAME).symlink_to(target, target_is_directory=True)
    return target


def _dangling_symlink(folder: Path, outside: Path) -> None:
    (folder / NAME).symlink_to(outside / "gone.csv")


def _symlink_to_fifo(folder: Path, outside: Path) -> Path:
    """Following this link to read it would block."""
    outside.mkdir(parents=True)
    os.mkfifo(outside / "pipe")
    (folder / NAME).symlink_to(outside / "pipe")
    return outside / "pipe"


def _fifo(folder: Path, outside: Path) -> None:
    os.mkfifo(folder / NAME)


def _socket(folder: Path, outside: Path) -> None:
    if len(str(folder / NAME)) > 100:
        pytest.skip("the temporary path is too long for a Unix socket")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / NAME))
    server.close()  # the socket file stays


def _device(folder: Path, outside: Path) -> None:
    try:
        os.mknod(folder / NAME, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("creating a device needs CAP_MKNOD")


REFUSED = {
    "symlink to a file outside": (_symlink_to_file, landing.RULE_SYMLINK),
    "symlink to a folder outside": (_symlink_to_folder, landing.RULE_SYMLINK),
    "dangling symlink": (_dangling_symlink, landing.RULE_SYMLINK),
    "symlink to a FIFO outside": (_symlink_to_fifo, landing.RULE_SYMLINK),
    "FIFO": (_fifo, landing.RULE_SPECIAL_FILE),
    "socket": (_socket, landing.RULE_SPECIAL_FILE),
    "device": (_device, landing.RULE_SPECIAL_FILE),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_link_or_special_file_is_refused_unread_reported_audited_and_removed(
    case, paths, tmp_path, fails_instead_of_blocking
):
    make, rule = REFUSED[case]
    folder = _folder(paths)
    target = make(folder, tmp_path / "outside")
    before = _state(target) if target else None

    references = pipeline.find_new_extracts("sif", paths)
    assert references == [str(folder / NAME)], "handed on, to fail its own task"
    with pytest.raises(pipeline.ExtractRejected) as rejected:
        pipeline.validate_extract(references[0], "sif", paths)

    message = str(rejected.value)
    assert f"REJECTED {NAME}" in message and message.split(". Report: ")[0].endswith(rule)
    report = Path(message.split(". Report: ")[1])
    assert report.parent == paths.quarantine / "sif" and report.name.endswith(".report.md")
    markdown = report.read_text("utf-8")
    assert NAME in markdown and f"`{rule}`" in markdown
    assert "send the file itself, not a link" in markdown
    record = json.loads(report.with_suffix(".json").read_text("utf-8"))
    assert [f["rule"] for f in record["failures"]] == [rule] and not record["passed"]
    assert record["file_name"] == NAME and record["what_to_do"] == landing.WHAT_TO_DO

    assert not os.path.lexists(folder / NAME), "the entry itself is removed from landing"
    if target:
        assert _state(target) == before, "a link's target is never read, changed or moved"
    assert not (paths.archive / "sif").exists() or not any((paths.archive / "sif").iterdir())
    ((status, file_name, sha, rows, audit_message, report_path, report_markdown),) = _audit(paths)
    assert (status, file_name, sha, rows) == ("rejected", NAME, landing.NOT_READ, None)
    assert audit_message.endswith(f"rule(s) failed: {rule}") and report_path == str(report)
    latvian, english = markdown.split("\n---\n\n")  # Latvian first, then English
    assert report_markdown == english
    assert latvian.startswith(f"# Saņemšanas pārskats: {NAME}") and "**noraidīts**" in latvian
    assert "Nosūtiet pašu failu, nevis saiti uz to." in latvian
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        kept = con.execute("SELECT report_markdown_lv FROM audit.extract_loads").fetchone()[0]
    assert kept == latvian, "the audit keeps the Latvian report too"

    # Re-running is safe: nothing is left to refuse, and the target is still untouched.
    assert pipeline.find_new_extracts("sif", paths) == []
    with pytest.raises(FileNotFoundError):
        pipeline.validate_extract(references[0], "sif", paths)
    assert len(_audit(paths)) == 1
    if target:
        assert _state(target) == before


@pytest.fixture(scope="module")
def ingest_dags(tmp_path_factory):
    """dags/ingest.py, imported as Airflow's DAG processor imports it."""
    os.environ.setdefault("AIRFLOW_HOME", str(tmp_path_factory.mktemp("airflow")))
    spec = importlib.util.spec_from_file_location(
        "ingest_dags", PROJECT_ROOT / "dags" / "ingest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_airflow_task_fails_naming_the_report(ingest_dags, paths, tmp_path, monkeypatch):
    from airflow.sdk.exceptions import AirflowFailException

    monkeypatch.setenv("ROMA_HOME", str(paths.home))
    _symlink_to_file(_folder(paths), tmp_path / "outside")
    dag = ingest_dags.ingest_sif
    batches = dag.get_task("find_extracts").python_callable()
    assert len(batches) == 1
    process_batch = dag.get_task("process_batch").python_callable
    with pytest.raises(AirflowFailException, match=r"landing\.symlink\. Report: .+\.report\.md$"):
        process_batch(batches[0])


def test_sub_folders_and_ignored_names_stay_ignored_even_as_links(paths, tmp_path):
    folder = _folder(paths)
    (folder / "SIF_9144_202109").mkdir()
    for name in (".hidden.csv", "~$SIF_9144_202109.xlsx", "SIF_9144_202109.csv.partial"):
        (folder / name).symlink_to(tmp_path)
    os.mkfifo(folder / "SIF_9144_202110.csv.tmp")
    before = sorted(os.listdir(folder))
    assert pipeline.find_new_extracts("sif", paths) == []
    assert sorted(os.listdir(folder)) == before and _audit(paths) == []


def test_regular_files_are_handed_on_beside_refused_entries(paths, tmp_path):
    folder = _folder(paths)
    write_extract(folder / "SIF_9144_202108.csv", [sif_row()])
    (folder / NAME).symlink_to(tmp_path)
    assert pipeline.find_new_extracts("sif", paths) == [
        str(folder / "SIF_9144_202108.csv"),
        str(folder / NAME),
    ]


def test_a_landing_folder_that_is_a_link_is_not_read(paths, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    extract = write_extract(elsewhere / NAME, [sif_row()])
    before = _state(extract)
    paths.landing.mkdir(parents=True, exist_ok=True)
    paths.landing_for("sif").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(landing.UnsafeLandingFolder, match="landing/sif"):
        pipeline.find_new_extracts("sif", paths)
    with pytest.raises(landing.UnsafeLandingFolder):
        pipeline.validate_extract(str(paths.landing_for("sif") / NAME), "sif", paths)
    assert _state(extract) == before and _audit(paths) == []


def test_a_file_outside_the_landing_folder_is_not_validated_nor_touched(paths, tmp_path):
    _folder(paths)
    extract = write_extract(tmp_path / "elsewhere" / NAME, [sif_row()])
    before = _state(extract)
    for reference in (str(extract), str(paths.landing_for("sif") / ".." / "sif" / ".." / NAME)):
        with pytest.raises(landing.NotInLanding):
            pipeline.validate_extract(reference, "sif", paths)
    assert _state(extract) == before and _audit(paths) == []


# --- 2. a hard-linked landing file is archived as a copy ---------------------------------------


def test_a_hard_linked_landing_file_is_archived_as_a_copy(sif_sample_dir, sif_contract, paths):
    name = "SIF_9144_201805.csv"
    outside = paths.home.parent / "agency" / name
    outside.parent.mkdir()
    shutil.copyfile(sif_sample_dir / name, outside)
    original, mode = outside.read_bytes(), outside.stat().st_mode
    os.link(outside, _folder(paths) / name)

    result = load_extract(_folder(paths) / name, sif_contract, paths)

    assert result.status == "loaded"
    assert result.archived_to.stat().st_ino != outside.stat().st_ino
    assert outside.stat().st_mode == mode, "the outside name's file is not made read-only"
    outside.write_bytes(b"changed by the agency afterwards\r\n")
    assert result.archived_to.read_bytes() == original
    assert sha256_of(result.archived_to) == result.sha256


def test_a_file_with_one_name_is_still_archived_by_a_hard_link(sif_sample_dir, sif_contract, paths):
    name = "SIF_9144_201805.csv"
    landed = shutil.copyfile(sif_sample_dir / name, _folder(paths) / name)
    inode = landed.stat().st_ino
    result = load_extract(landed, sif_contract, paths)
    assert result.archived_to.stat().st_ino == inode and result.archived_to.stat().st_nlink == 1


def test_a_landing_file_replaced_by_a_link_after_the_gate_is_not_loaded(
    sif_contract, paths, tmp_path
):
    target = write_extract(tmp_path / "outside" / NAME, [sif_row()])
    sha, before = sha256_of(target), _state(target)
    (_folder(paths) / NAME).symlink_to(target)
    with pytest.raises(ExtractChangedError, match="regular file"):
        load_extract(_folder(paths) / NAME, sif_contract, paths, expected_sha256=sha)
    assert _state(target) == before and not (paths.archive / "sif").exists()


# --- 3. no reference, log line or message holds a personal code in a file name -------------------

CODE_NAMES = {
    "hyphen": ("SIF_010190-12345.csv", "SIF_020290-54321.csv"),
    "space": ("SIF_9144_202101 010190 12345.csv", "SIF_9144_202101 020290 54321.csv"),
    "en dash": ("SIF_9144_202101 010190\u201312345.csv", "SIF_9144_202101 020290\u201354321.csv"),
    "no-break space": (
        "SIF_9144_202101 010190\u00a012345.csv",
        "SIF_9144_202101 020290\u00a054321.csv",
    ),
    "no separator": ("SIF_9144_202101 01019012345.csv", "SIF_9144_202101 02029054321.csv"),
    "new form": ("SIF_9144_202101 321234-56789.csv", "SIF_9144_202101 329876-54321.csv"),
}


def _no_code(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    return not contains_personal_code(text) and not any(
        code in digits for code in ("01019012345", "02029054321", "32123456789", "32987654321")
    )


def _logged(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records]


@pytest.mark.parametrize("spelling", CODE_NAMES)
def test_a_code_in_a_file_name_never_reaches_a_reference_or_a_log(spelling, paths, caplog):
    caplog.set_level(logging.DEBUG)
    folder = _folder(paths)
    names = CODE_NAMES[spelling]
    for name in names:
        (folder / name).write_text("x")
    write_extract(folder / NAME, [sif_row()])

    references = pipeline.find_new_extracts("sif", paths)

    assert len(references) == 3 and str(folder / NAME) in references
    coded = [r for r in references if r != str(folder / NAME)]
    assert all(_no_code(r) and "REDACTED" in r and "#" in r for r in coded)
    assert _no_code(json.dumps(references, ensure_ascii=False))  # as XCom stores them
    assert {landing.resolve_reference(r, "sif", paths) for r in coded} == {
        folder / name for name in names
    }
    assert all(_no_code(line) for line in _logged(caplog))


@pytest.mark.parametrize("spelling", CODE_NAMES)
def test_validate_extract_resolves_a_reference_to_the_right_entry(
    spelling, paths, tmp_path, caplog
):
    caplog.set_level(logging.DEBUG)
    folder = _folder(paths)
    first, second = CODE_NAMES[spelling]
    target = write_extract(tmp_path / "outside" / NAME, [sif_row()])
    (folder / first).symlink_to(target)
    (folder / second).symlink_to(target)
    references = pipeline.find_new_extracts("sif", paths)
    reference = next(
        r for r in references if landing.resolve_reference(r, "sif", paths).name == first
    )
    assert _no_code(reference)

    with pytest.raises(pipeline.ExtractRejected) as rejected:
        pipeline.validate_extract(reference, "sif", paths)

    assert not os.path.lexists(folder / first) and os.path.lexists(folder / second)
    report = Path(str(rejected.value).split(". Report: ")[1])
    written = [report.read_text("utf-8"), report.with_suffix(".json").read_text("utf-8")]
    assert all(_no_code(text) for text in [str(rejected.value), report.name, *written])
    assert "REDACTED" in report.read_text("utf-8")
    assert all(_no_code(" ".join(str(v) for v in row)) for row in _audit(paths))
    assert all(_no_code(line) for line in _logged(caplog))


@pytest.mark.parametrize("spelling", CODE_NAMES)
def test_the_gate_gets_the_right_file_of_two_with_the_same_redacted_name(spelling, paths, caplog):
    caplog.set_level(logging.DEBUG)
    folder = _folder(paths)
    first, second = CODE_NAMES[spelling]
    for name in (first, second):
        write_extract(folder / name, [sif_row()])
    references = pipeline.find_new_extracts("sif", paths)
    reference = next(
        r for r in references if landing.resolve_reference(r, "sif", paths).name == first
    )
    assert _no_code(reference)

    with pytest.raises(pipeline.ExtractRejected, match="file_name.no_personal_code") as rejected:
        pipeline.validate_extract(reference, "sif", paths)

    assert not os.path.lexists(folder / first) and os.path.lexists(folder / second)
    assert _no_code(str(rejected.value))
    kept = [p for p in paths.home.rglob("*") if paths.landing not in p.parents]
    assert all(_no_code(p.name) for p in kept)
    assert all(_no_code(" ".join(str(v) for v in row)) for row in _audit(paths))
    assert all(_no_code(line) for line in _logged(caplog))


def test_a_clean_name_is_its_own_reference(paths):
    landed = write_extract(_folder(paths) / NAME, [sif_row()])
    assert pipeline.find_new_extracts("sif", paths) == [str(landed)]
    assert landing.resolve_reference(str(landed), "sif", paths) == landed


def test_the_reference_digest_is_keyed_per_data_home(paths, tmp_path):
    name = CODE_NAMES["hyphen"][0]
    other = Paths(tmp_path / "other_home").ensure()
    ours = landing.reference_name(name, landing.reference_key(paths))
    theirs = landing.reference_name(name, landing.reference_key(other))
    assert ours != theirs and ours == landing.reference_name(name, landing.reference_key(paths))
    assert (paths.home / landing.REFERENCE_KEY_FILE).stat().st_mode & 0o077 == 0
