"""What every registered sample writer promises: the same seed gives the same bytes, the files
come in both encodings the agencies send, municipality codes follow the ATVK vintage in force,
and the files pass the gate. Each source's own files, shapes and volumes are in
test_sample_<source>.py."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from roma_monitor.contracts.registry import SOURCES
from roma_monitor.reference import reference_codes
from roma_monitor.sample import sample_writer
from roma_monitor.validate.gate import validate_source_file
from tests.conftest import SAMPLE_SEED
from tests.extracts import extract_rows, has_bom

REFORM = "2021-07"  # the 2021 administrative-territorial reform: ATVK 2021 codes from 1.07.2021
# The date that decides a row's vintage: the first column (the reporting month or the event's
# date), except where a row carries an older event forward.
VINTAGE_DATE = {"IKVD_834_VIEN": "joined_date"}  # cumulative register: the date of joining


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dataset(path: Path) -> str:
    """'NVA_741_DAL_2021Q3.csv' -> 'NVA_741_DAL'."""
    return path.stem.rsplit("_", 1)[0]


def _last_month(path: Path) -> str:
    """The last month a file's period covers: '202107', '2021Q3' or '2021' -> '2021-07', '2021-09',
    '2021-12'."""
    period = path.stem.rsplit("_", 1)[1]
    year, rest = period[:4], period[4:]
    month = int(rest) if rest.isdigit() else 3 * int(rest[1:]) if rest else 12
    return f"{year}-{month:02d}"


def _month(text: str) -> str:
    """'2021-07' or '15.07.2021' -> '2021-07'."""
    return text if len(text) == 7 else f"{text[6:]}-{text[3:5]}"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, list[Path]]:
    out = tmp_path_factory.mktemp("samples")
    return {source: sample_writer(source)(out / source, SAMPLE_SEED) for source in SOURCES}


@pytest.mark.parametrize("source", list(SOURCES))
def test_same_seed_same_bytes_other_seed_other_data(source, samples, tmp_path):
    again = sample_writer(source)(tmp_path / "again", SAMPLE_SEED)
    other = sample_writer(source)(tmp_path / "other", SAMPLE_SEED + 1)
    assert [p.name for p in again] == [p.name for p in samples[source]]
    assert [_digest(p) for p in again] == [_digest(p) for p in samples[source]]
    assert [p.name for p in other] == [p.name for p in again]
    assert _digest(other[-1]) != _digest(again[-1])


@pytest.mark.parametrize("source", list(SOURCES))
def test_files_come_in_both_encodings(source, samples):
    """UTF-8 with a byte-order mark (as Excel saves it) and Windows-1257 without one."""
    boms = [has_bom(p) for p in samples[source]]
    assert any(boms) and not all(boms)


@pytest.mark.parametrize("source", list(SOURCES))
def test_codes_follow_the_atvk_vintage_in_force(source, samples):
    old, new = set(reference_codes("atvk_2009")), set(reference_codes("atvk_2021"))
    checked = 0
    for path in samples[source]:
        for row in extract_rows(path):
            codes = [row.get("municipality_atvk", "")]
            codes += row.get("municipalities_represented", "").split("|")
            codes = [code for code in codes if code]
            if not codes:  # no municipality (a follow-up, spending, a national recommendation)
                continue
            date = row[VINTAGE_DATE.get(_dataset(path), next(iter(row)))]
            vintage = old if _month(date) < REFORM else new
            assert set(codes) <= vintage, (path.name, date, codes)
            checked += 1
    assert checked, "the sample has municipality codes"


def _gate_files(paths: list[Path]) -> list[Path]:
    """Of each dataset, the first file and the first with ATVK 2021 codes; and the source's first
    Windows-1257 file."""
    chosen = []
    for dataset in dict.fromkeys(_dataset(p) for p in paths):
        files = [p for p in paths if _dataset(p) == dataset]
        chosen += [files[0], next(p for p in files if _last_month(p) >= REFORM)]
    chosen.append(next(p for p in paths if not has_bom(p)))
    return list(dict.fromkeys(chosen))


@pytest.mark.parametrize("source", list(SOURCES))
def test_sample_files_pass_the_gate(source, samples):
    for path in _gate_files(samples[source]):
        report = validate_source_file(path, source)
        assert report.passed, report.to_markdown()
