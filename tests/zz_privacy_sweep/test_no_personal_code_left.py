"""The last test of the session: no personal code that any test injected is left anywhere.

It reads every data home the tests made (warehouses and snapshots through DuckDB, archives,
quarantine reports, the load audit, notifications, dbt's and Airflow's logs, Airflow's metadata
database; not `landing/`, which holds what was sent and not yet handled), every file name in
them, and every log record of the session, and looks for the digits
of every injected code in any spelling: up to three other characters between any two digits,
after folding full-width and other scripts' digits and dropping invisible characters. The net is
independent of the detector under test (roma_monitor.privacy.personal_codes), and wider.

Injected codes: every code the generators drew (tests.privacy.fake_personal_codes.INJECTED, and
what each worker of a parallel run wrote at its end) and every code written literally in the
tests' sources and the bad-input corpus.

In a parallel run (`make test`) the sweep is a second pytest run after the workers finished, over
the first run's folders: ROMA_SWEEP_ROOT names them (its `--basetemp`).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import zipfile
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

import duckdb
import pytest

from roma_monitor.ingest.reader import text_of_unreadable
from tests.conftest import INJECTED_CODES_FILE
from tests.privacy.fake_personal_codes import INJECTED, folded

pytestmark = pytest.mark.sweep

TESTS_DIR = Path(__file__).parents[1]
# A code written literally in a test: 6 digits, up to 3 other characters, 5 digits.
LITERAL_CODE = re.compile(r"(?<![\d+])\d{6}[^\d\n]{0,3}\d{5}(?!\d)")
# A run of at least 11 digits, up to 3 other characters between any two, within one line and one
# CSV cell (across cells, the digits of dates and counts in a row would spell random codes).
# A pseudonymous key (64 hex characters) in the test data may hold 11 digits in a row.
HEX_KEY = re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{64}(?![0-9a-fA-F])")
DIGIT_RUN = re.compile(r"\d(?:[^\d\n;]{0,3}\d){10,}")
DUCKDB_DIGIT_RUN = r"[0-9]([^0-9\n;]{0,3}[0-9]){10}"
DUCKDB_OTHER_DIGITS = r"[^\x{0}-\x{7f}\p{L}\p{M}\p{P}\p{S}\p{Z}]"
LONG_HEX = re.compile(r"[0-9a-fA-F]{16,}")
DIGIT_GROUP = re.compile(r"\d+")
DUCKDB_LONG_HEX = "[0-9a-fA-F]{16,}"
SESSION_LOG = "session.log"


def literal_codes() -> set[str]:
    """The 11 digits of every code written in the tests' sources and corpus files."""
    found = set()
    for path in TESTS_DIR.rglob("*"):
        if not path.is_file() or path.suffix in (".pyc",) or "__pycache__" in path.parts:
            continue
        texts = [path.name]
        data = path.read_bytes()
        texts += _texts_of(data)
        for text in texts:
            for match in LITERAL_CODE.finditer(HEX_KEY.sub(" ", folded(text))):
                found.add(re.sub(r"\D", "", match.group()))
    return found


def _texts_of(data: bytes) -> list[str]:
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return [
                    re.sub(r"<[^>]+>", " ", archive.read(m).decode("utf-8", "replace"))
                    for m in archive.namelist()
                ]
        except zipfile.BadZipFile:
            pass
    return [text_of_unreadable(data)]


def _windows(text: str) -> set[str]:
    """Every 11 digits that whole groups of digits spell, up to 3 other characters apart
    (`010203 - 45678`, `2021, 010203, 45678`), hexadecimal identifiers (keys, hashes: 16 or
    more hex characters) left out. Digits inside a longer group (the decimals of a float, a
    longer number) spell no code."""
    windows = set()
    for match in DIGIT_RUN.finditer(LONG_HEX.sub(" ", folded(text))):
        groups = DIGIT_GROUP.findall(match.group())
        for first in range(len(groups)):
            spelled = ""
            for group in groups[first:]:
                spelled += group
                if len(spelled) >= 11:
                    if len(spelled) == 11:
                        windows.add(spelled)
                    break
    return windows


def _duckdb_values(path: Path) -> list[str]:
    """The text values of every table (views only repeat them) that may spell 11 digits: a run
    of ASCII digits, or any digit of another script (folded later)."""
    values = []
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            "SELECT c.table_catalog, c.table_schema, c.table_name, c.column_name "
            "FROM information_schema.columns AS c JOIN information_schema.tables AS t "
            "USING (table_catalog, table_schema, table_name) "
            "WHERE c.data_type = 'VARCHAR' AND t.table_type = 'BASE TABLE'"
        ).fetchall()
        tables: dict[tuple[str, str, str], list[str]] = {}
        for catalog, schema, table, column in columns:
            tables.setdefault((catalog, schema, table), []).append(f'"{column}"')
        for (catalog, schema, table), names in tables.items():
            # each column's distinct values (far fewer than its rows), and 11 digits need 11
            # characters: the cheap test first
            distinct = " UNION ".join(
                f'SELECT DISTINCT {name} AS v FROM "{catalog}"."{schema}"."{table}"'
                for name in names
            )
            rows = con.execute(
                f"SELECT v FROM ({distinct}) WHERE length(v) >= 11 AND ("
                f"regexp_matches(regexp_replace(v, '{DUCKDB_LONG_HEX}', ' ', 'g'), "
                f"'{DUCKDB_DIGIT_RUN}') OR regexp_matches(v, '{DUCKDB_OTHER_DIGITS}'))"
            ).fetchall()
            values += [f"{schema}.{table}: {row[0]}" for row in rows]
    return values


def _data_homes(root: Path) -> list[Path]:
    homes = []
    for folder, subfolders, _ in os.walk(root):
        if Path(folder).name == "home":
            homes.append(Path(folder))
            subfolders.clear()
    return homes


def _codes_in(path: Path, injected: set[str]) -> list[str]:
    texts = _duckdb_values(path) if path.suffix == ".duckdb" else _texts_of(path.read_bytes())
    return [code for text in texts for code in sorted(_windows(text) & injected)]


def _content_digest(path: Path) -> tuple[str, str]:
    with open(path, "rb") as file:
        return path.suffix, hashlib.file_digest(file, "blake2b").hexdigest()


def _copies_by_content(paths: list[Path]) -> dict[Path, list[Path]]:
    """Each distinct content once (half the warehouses and snapshots of a run are copies of
    another home's), with every path that holds it."""
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        digests = list(pool.map(_content_digest, paths, chunksize=64))
    copies: dict[tuple[str, str], list[Path]] = {}
    for path, digest in zip(paths, digests, strict=True):
        copies.setdefault(digest, []).append(path)
    return {same[0]: same for same in copies.values()}


def _leaks_in_files(paths: list[Path], injected: set[str]) -> tuple[list[str], int]:
    """`path: code` for every injected code in any of `paths` (each copy of a leaking content
    named), and how many distinct contents were read. The files are independent: each content
    is read once, on every core, the largest first."""
    copies = _copies_by_content(paths)
    to_read = sorted(copies, key=lambda path: -path.stat().st_size)
    leaks = []
    with ProcessPoolExecutor(os.cpu_count()) as pool:
        found = pool.map(_codes_in, to_read, repeat(injected), chunksize=8)
        for path, codes in zip(to_read, found, strict=True):
            leaks += [f"{copy}: {code}" for copy in copies[path] for code in codes]
    return leaks, len(copies)


@pytest.fixture(scope="session")
def swept_root(tmp_path_factory) -> Path:
    """The folders of the run to sweep: a parallel run's (ROMA_SWEEP_ROOT), else this run's."""
    earlier_run = os.environ.get("ROMA_SWEEP_ROOT")
    return Path(earlier_run) if earlier_run else tmp_path_factory.getbasetemp()


@pytest.fixture(scope="session")
def injected(swept_root) -> set[str]:
    by_workers = {
        code
        for path in swept_root.rglob(INJECTED_CODES_FILE)
        for code in path.read_text(encoding="utf-8").split()
    }
    return INJECTED | by_workers | literal_codes()


def test_the_net_catches_a_code_in_any_spelling():
    code = "01020345678"
    for spelled in (
        "010203-45678",
        "0102 03\u00a045678",
        "x010203\u2013 45678y",
        "\uff10\uff11\uff10\uff12\uff10\uff13 45678",
        "0102\u200b03-45678",
        "2021, 010203, 45678",
    ):
        assert code in _windows(spelled)
    assert "01020345678" not in _windows("01.02.2003 45678")
    assert "07010112309" not in _windows('"execution_time": 0.07010112309871')


def test_every_copy_of_a_leaking_file_is_named_and_each_content_read_once(tmp_path):
    code = "01020345678"
    leaking = b"name;code\r\nA;010203-45678\r\n"
    paths = [tmp_path / "a" / "x.csv", tmp_path / "b" / "x.csv", tmp_path / "b" / "y.log"]
    paths.append(tmp_path / "c" / "clean.csv")
    for path, content in zip(paths, [leaking, leaking, leaking, b"name\r\nB\r\n"], strict=True):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
    leaks, distinct = _leaks_in_files(paths, {code})
    # the same bytes under another suffix are read again (a .duckdb is read as a database)
    assert distinct == 3
    assert sorted(leaks) == sorted(f"{path}: {code}" for path in paths[:3])


def test_no_injected_personal_code_is_left_in_any_data_home_or_log(
    injected, swept_root, session_log, capsys
):
    assert len(injected) >= 10, "the tests injected codes (the corpus alone holds several)"
    root = swept_root
    for handler in logging.getLogger().handlers:
        handler.flush()
    leaks = []
    homes = _data_homes(root)
    to_read = []
    for home in homes:
        for folder, subfolders, files in os.walk(home):
            if Path(folder) == home and "landing" in subfolders:
                # What agencies sent and nothing handled yet (a test that only resolves names);
                # a handled file leaves landing (tests/bad_inputs asserts it for every case).
                subfolders.remove("landing")
            for name in files:
                path = Path(folder) / name
                relative = str(path.relative_to(root))
                leaks += [f"file name {relative}" for _ in _windows(relative) & injected]
                if not path.is_symlink() and path.is_file():
                    to_read.append(path)
    logs = {session_log, *root.rglob(SESSION_LOG)}
    in_files, distinct = _leaks_in_files([*to_read, *logs], injected)
    leaks += in_files
    files = sum(len(f) for home in homes for _, _, f in os.walk(home))
    with capsys.disabled():
        print(
            f"\nprivacy sweep: {len(injected)} injected codes looked for in {len(homes)} data "
            f"homes ({files} files, {distinct} distinct) and {len(logs)} session logs: "
            f"{len(leaks)} found"
        )
    assert leaks == []
