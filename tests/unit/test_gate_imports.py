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
