"""The loader and the gate do not import each other: both read a canonical extract with the SQL
in roma_monitor.contracts.sql. The gate reads odd files with the reader (ingest.reader), which
imports neither the loader nor the gate."""

from __future__ import annotations

import subprocess
import sys


def _imported_after(module: str) -> set[str]:
    """The roma_monitor modules a fresh interpreter has loaded after importing `module`."""
    code = (
        "import importlib, sys; "
        f"importlib.import_module({module!r}); "
        "print('\\n'.join(m for m in sys.modules if m.startswith('roma_monitor.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_the_loader_does_not_import_the_gate():
    for module in ("roma_monitor.ingest.load", "roma_monitor.ingest.landing"):
        imported = _imported_after(module)
        assert module in imported
        assert not {m for m in imported if m.startswith("roma_monitor.validate")}, module


def test_the_gate_imports_only_the_reader_of_ingest():
    imported = _imported_after("roma_monitor.validate.gate")
    assert "roma_monitor.validate.sql_gate" in imported
    assert {m for m in imported if m.startswith("roma_monitor.ingest.")} == {
        "roma_monitor.ingest.reader"
    }


def test_the_reader_imports_neither_the_loader_nor_the_gate():
    imported = _imported_after("roma_monitor.ingest.reader")
    assert not {
        m for m in imported if m.startswith(("roma_monitor.validate", "roma_monitor.ingest.load"))
    }


def test_the_gate_judges_files_without_importing_gx(sif_sample_dir, tmp_path):
    """GX is the reference engine only: the production gate (DuckDB SQL) neither imports it nor
    reads its suites, for a file DuckDB reads and for one the reader normalises first."""
    source = sif_sample_dir / "SIF_9144_202110.csv"
    cp1257 = tmp_path / source.name
    cp1257.write_bytes(source.read_text("utf-8-sig").encode("cp1257"))
    code = (
        "import sys; from pathlib import Path; "
        "from roma_monitor.contracts.registry import get_contract; "
        "from roma_monitor.validate.gate import validate_file; "
        "contract = get_contract('sif_participant_months'); "
        f"files = ({str(source)!r}, {str(cp1257)!r}); "
        "reports = [validate_file(Path(p), contract) for p in files]; "
        "print([(r.passed, r.reader) for r in reports], 'great_expectations' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[0] == "[(True, 'duckdb'), (True, 'reference')] False"
