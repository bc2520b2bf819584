"""The package stands alone (issue 16): the wheel, installed with its base dependencies into a
clean venv outside the repository, checks an agency's file as the agency would before sending it
(`roma-monitor validate FILE --source SRC`).

Nothing is downloaded: the wheel is built with `uv build --offline` and the base dependencies
come, at the versions of uv.lock, from uv's cache, which `uv sync --frozen` (`make setup`) fills.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from roma_monitor.serve.texts import STRINGS

pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parents[2]
GOOD = "NVA_741_DAL_2017Q1.csv"


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    if not Path(uv).is_file():
        pytest.fail("the wheel test needs uv (make setup installs it in .tools/bin)")
    return uv


def _run(args: list, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _checked(args: list, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = _run(args, cwd, env)
    assert done.returncode == 0, f"{' '.join(map(str, args))}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def agency(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A folder outside the repository, and the environment of a shell whose PATH starts with
    a venv holding only the wheel and its base dependencies."""
    uv, work = _uv(), tmp_path_factory.mktemp("agency")
    assert ROOT not in work.parents
    _checked([uv, "build", "--offline", "--wheel", "--out-dir", work / "dist", ROOT], ROOT)
    (wheel,) = (work / "dist").glob("roma_monitor-*.whl")
    locked = work / "pylock.toml"
    _checked(
        [uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--format", "pylock.toml"]
        + ["--quiet", "--project", ROOT, "-o", locked],
        ROOT,
    )
    venv = work / "venv"
    _checked([uv, "venv", "--quiet", "--python", sys.executable, venv], work)
    python = venv / "bin" / "python"
    install = [uv, "pip", "install", "--quiet", "--offline", "--python", python]
    _checked([*install, "-r", locked], work)
    _checked([*install, "--no-deps", wheel], work)
    env = {
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(work),
        "LANG": "C.UTF-8",
    }
    # The sample writer of the installed package: the agencies' extracts, as they send them.
    _checked(["roma-monitor", "sample", "--out", "files", "--source", "nva"], work, env)
    return work, env


def test_the_base_install_is_the_package_without_the_pipeline(agency):
    work, env = agency
    where = _checked(
        ["python", "-c", "import roma_monitor; print(roma_monitor.__file__)"], work, env
    )
    assert Path(where.strip()).is_relative_to(work / "venv")
    for heavy in ("airflow", "dbt", "streamlit", "great_expectations"):
        found = _checked(
            ["python", "-c", f"import importlib.util; print(importlib.util.find_spec({heavy!r}))"],
            work,
            env,
        )
        assert found.strip() == "None", heavy


def test_the_ui_strings_are_package_data(agency):
    """The catalogue of UI strings (serve/texts/*.toml) is in the wheel: the installed package
    reads the same strings as the checkout."""
    work, env = agency
    code = "import json; from roma_monitor.serve.texts import STRINGS; print(json.dumps(STRINGS))"
    installed = json.loads(_checked(["python", "-c", code], work, env))
    assert installed["en"]["nav.quality"] == "Data quality"
    assert installed == STRINGS


def test_a_good_file_is_accepted(agency):
    work, env = agency
    checked = _run(["roma-monitor", "validate", f"files/nva/{GOOD}", "--source", "nva"], work, env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith(f"ACCEPTED {GOOD}: 168 rows")


def test_a_good_workbook_is_accepted(agency):
    """Agencies also send .xlsx: the base install reads them too."""
    work, env = agency
    text = (work / "files" / "nva" / GOOD).read_bytes().decode("utf-8-sig")
    workbook = openpyxl.Workbook()
    for line in text.split("\r\n"):
        if line:
            workbook.active.append(line.split(";"))
    book = work / "workbooks" / GOOD.replace(".csv", ".xlsx")
    book.parent.mkdir(exist_ok=True)
    workbook.save(book)
    checked = _run(["roma-monitor", "validate", book, "--source", "nva"], work, env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith(f"ACCEPTED {book.name}: 168 rows")


def test_a_bad_file_is_rejected_naming_the_row_and_the_rule(agency):
    work, env = agency
    lines = (work / "files" / "nva" / GOOD).read_bytes().decode("utf-8-sig").split("\r\n")
    header = lines[0].split(";")
    fifth = lines[5].split(";")  # lines[0] is the header: data row 5
    assert fifth[header.index("sex")] == "V"
    fifth[header.index("sex")] = "X"
    lines[5] = ";".join(fifth)
    bad = work / "bad" / GOOD
    bad.parent.mkdir(exist_ok=True)
    bad.write_text("\r\n".join(lines), encoding="utf-8-sig", newline="")

    checked = _run(["roma-monitor", "validate", bad, "--source", "nva"], work, env)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "Traceback" not in checked.stderr
    assert "- Verdict: **rejected**" in checked.stdout
    (failure,) = [line for line in checked.stdout.splitlines() if "`sex.allowed`" in line]
    cells = [cell.strip() for cell in failure.strip("|").split("|")]
    # | # | rule | stage | failing rows | rows (first 20) | examples | what it means |
    assert cells[1:6] == ["`sex.allowed`", "format", "1", "5", "`X`"]


def test_what_needs_the_repository_says_so(agency):
    work, env = agency
    done = _run(["roma-monitor", "run-local"], work, env)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert re.search(r"run-local needs the Roma Platform Monitor repository", done.stderr)
    assert "roma-monitor validate FILE --source SOURCE" in done.stderr
