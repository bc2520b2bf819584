"""The gate against generated bad inputs (Hypothesis), for every field of every contract: personal
codes in every spelling (also split between two cells), every control character, and every kind
of file an office suite saves. The committed corpus (cases.toml) holds one example of each; these
draw new ones, so the gate is not fitted to a list of examples."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roma_monitor.contracts.registry import CONTRACTS, contract_for_file
from roma_monitor.ingest.reader import decode
from roma_monitor.privacy.personal_codes import contains_personal_code
from roma_monitor.sample import write_samples
from roma_monitor.settings import Paths
from roma_monitor.validate.gate import (
    ENGINE_DUCKDB,
    ENGINE_GX,
    PERSONAL_CODE,
    UNSCANNABLE,
    quarantine,
    validate_file,
    validate_source_file,
)
from tests.privacy.fake_personal_codes import (
    code_digits,
    folded,
    holds_code,
    spelled_codes,
    text_with_code,
)

TODAY = date(2026, 11, 25)
ROWS = 5
DATASETS = sorted(CONTRACTS)
# C0 and C1 control characters, except the tab and the line ends (which CSV itself uses).
CONTROL_CHARACTERS = [
    chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"
]
TEXT_COLUMNS = [
    (dataset, column.name)
    for dataset in DATASETS
    for column in CONTRACTS[dataset].columns
    if column.type == "text"
]


def examples(count: int) -> settings:
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture(scope="module")
def base_rows(tmp_path_factory) -> dict[str, tuple[str, list[str], list[list[str]]]]:
    """Per dataset: a valid sample file's name, header and first rows (they pass the gate)."""
    out = tmp_path_factory.mktemp("generated_samples")
    write_samples(out, 2017)
    found: dict[str, tuple[str, list[str], list[list[str]]]] = {}
    for path in sorted(out.rglob("*.csv")):
        contract = contract_for_file(path.parent.name, path.name)
        if contract is None or contract.dataset in found:
            continue
        text, _ = decode(path.read_bytes(), contract.encodings)
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        found[contract.dataset] = (path.name, records[0], records[1 : ROWS + 1])
    assert sorted(found) == DATASETS
    return found


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Paths:
    return Paths(tmp_path_factory.mktemp("generated") / "home").ensure()


def _csv(header: list[str], rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue().encode(encoding)


def _landed(home: Paths, dataset: str, name: str, data: bytes) -> Path:
    path = home.landing_for(CONTRACTS[dataset].source) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _everything_written(report, target: Path) -> list[str]:
    return [
        report.to_markdown(),
        json.dumps(report.to_dict(), ensure_ascii=False),
        report.summary(),
        target.name,
        target.with_name(target.name + ".report.md").read_text(encoding="utf-8"),
        target.with_name(target.name + ".report.json").read_text(encoding="utf-8"),
    ]


def _assert_deleted_and_never_repeated(
    report, target: Path, landed: Path, code: str, reason: str = PERSONAL_CODE
) -> None:
    digits = "".join(c for c in folded(code) if c.isdigit())
    assert report.discard_reason == reason and report.disposition == "deleted"
    assert not landed.exists() and not target.exists(), "no copy of the file is kept"
    for text in _everything_written(report, target):
        assert not contains_personal_code(text)
        assert not holds_code(text, digits)


@st.composite
def code_placements(draw, datasets=DATASETS):
    """(dataset, row, columns, values): a code in one field, or split between two neighbours."""
    dataset = draw(st.sampled_from(datasets))
    contract = CONTRACTS[dataset]
    row = draw(st.integers(1, ROWS))
    pairs = [
        p for p in contract.code_split_pairs if "key" not in (contract.column(c).type for c in p)
    ]
    if pairs and draw(st.integers(0, 3)) == 0:
        left, right = draw(st.sampled_from(pairs))
        digits = draw(code_digits())
        separator = draw(st.sampled_from(["", "-", " "]))
        values = [f"{draw(st.sampled_from(['', 'pk ']))}{digits[:6]}{separator}", digits[6:]]
        return dataset, row, [left, right], values, digits
    column = draw(st.sampled_from(contract.column_names))
    text = draw(text_with_code())
    return dataset, row, [column], [text], text


@examples(60)
@given(placement=code_placements())
def test_a_generated_personal_code_in_any_field_is_found_and_the_file_deleted(
    placement, base_rows, home
):
    dataset, row, columns, values, code = placement
    name, header, rows = base_rows[dataset]
    rows = [list(r) for r in rows]
    for column, value in zip(columns, values, strict=True):
        rows[min(row, len(rows)) - 1][header.index(column)] = value
    landed = _landed(home, dataset, name, _csv(header, rows))
    report = validate_source_file(landed, CONTRACTS[dataset].source, today=TODAY)
    found = [f for f in report.failures if f.rule.endswith("no_personal_code")]
    assert found, report.to_markdown()
    named = {c for f in found for c in f.rule.removesuffix(".no_personal_code").split("+")}
    assert set(columns) <= named
    target = quarantine(landed, report, home)
    _assert_deleted_and_never_repeated(report, target, landed, code)


@examples(25)
@given(placement=code_placements())
def test_both_engines_find_the_same_codes(placement, base_rows, tmp_path_factory):
    dataset, row, columns, values, _ = placement
    name, header, rows = base_rows[dataset]
    rows = [list(r) for r in rows]
    for column, value in zip(columns, values, strict=True):
        rows[min(row, len(rows)) - 1][header.index(column)] = value
    path = tmp_path_factory.mktemp("engines") / name
    path.write_bytes(_csv(header, rows))
    contract = CONTRACTS[dataset]
    reports = [
        validate_file(path, contract, TODAY, engine=engine).to_dict()
        for engine in (ENGINE_GX, ENGINE_DUCKDB)
    ]
    for report in reports:
        report.pop("checked_at"), report.pop("reader")
    assert reports[0] == reports[1]
    path.unlink()


def _reports_of_both_engines(path: Path, dataset: str) -> list:
    reports = [
        validate_file(path, CONTRACTS[dataset], TODAY, engine=e) for e in (ENGINE_GX, ENGINE_DUCKDB)
    ]
    dicts = [r.to_dict() for r in reports]
    for d in dicts:
        d.pop("checked_at"), d.pop("reader")
    assert dicts[0] == dicts[1]
    return reports


@pytest.mark.parametrize("target", TEXT_COLUMNS, ids=[f"{d}.{c}" for d, c in TEXT_COLUMNS])
def test_every_control_character_in_every_text_field_is_rejected_alike_by_both_engines(
    target, base_rows, home
):
    """One row per control character (all 62), in each text field of each contract."""
    dataset, column = target
    name, header, rows = base_rows[dataset]
    at = header.index(column)
    file_rows = []
    for i, character in enumerate(CONTROL_CHARACTERS):
        row = list(rows[i % len(rows)])
        value = row[at] or "teksts"
        row[at] = value[:1] + character + value[1:]
        file_rows.append(row)
    landed = _landed(home, dataset, name, _csv(header, file_rows))
    for report in _reports_of_both_engines(landed, dataset):
        failure = next(f for f in report.failures if f.rule == f"{column}.control_characters")
        assert failure.failing_rows == len(CONTROL_CHARACTERS) == 62
    landed.unlink()


@examples(15)
@given(
    target=st.sampled_from(TEXT_COLUMNS),
    character=st.sampled_from(CONTROL_CHARACTERS),
    row=st.integers(1, ROWS),
)
def test_a_control_character_anywhere_in_a_text_value_is_named_and_the_file_kept(
    target, character, row, base_rows, home
):
    dataset, column = target
    name, header, rows = base_rows[dataset]
    rows = [list(r) for r in rows]
    row = min(row, len(rows))
    value = rows[row - 1][header.index(column)] or "teksts"
    rows[row - 1][header.index(column)] = value[:1] + character + value[1:]
    landed = _landed(home, dataset, name, _csv(header, rows))
    reports = _reports_of_both_engines(landed, dataset)
    failure = next(f for f in reports[1].failures if f.rule == f"{column}.control_characters")
    assert row in failure.rows and f"<U+{ord(character):04X}>" in failure.examples[0]
    target_path = quarantine(landed, reports[1], home)
    assert reports[1].disposition == "quarantined" and target_path.exists()
    target_path.unlink()


# --- every kind of file an office suite saves, under the CSV's name -------------------------------

UNSCANNABLE_KINDS = ("ods", "docx", "xls", "pdf", "zip")
SCANNABLE_KINDS = ("xlsx", "utf-16", "utf-16-no-bom", "utf-32")


def _workbook(header, rows) -> bytes:
    book = openpyxl.Workbook()
    for values in [header, *rows]:
        book.active.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return out.getvalue()


def _file_of_kind(kind: str, header: list[str], rows: list[list[str]]) -> bytes:
    table = "\n".join(";".join(r) for r in [header, *rows])
    if kind == "xlsx":
        return _workbook(header, rows)
    if kind == "utf-16":
        return _csv(header, rows, "utf-16")
    if kind == "utf-16-no-bom":
        return _csv(header, rows, "utf-16-le")
    if kind == "utf-32":
        return _csv(header, rows, "utf-32")
    if kind == "ods":
        return _zip(
            {
                "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                "content.xml": f"<office:document-content><text:p>{table}</text:p>",
            }
        )
    if kind == "docx":
        return _zip({"word/document.xml": f"<w:document><w:t>{table}</w:t></w:document>"})
    if kind == "zip":
        return _zip({"extract.csv": table})
    if kind == "xls":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + table.encode("utf-16-le")
    return b"%PDF-1.7\n1 0 obj\n<< /Length 99 >>\nstream\n" + table.encode() + b"\nendstream\n"


@examples(40)
@given(
    kind=st.sampled_from(UNSCANNABLE_KINDS + SCANNABLE_KINDS),
    dataset=st.sampled_from(DATASETS),
    code=st.one_of(st.none(), spelled_codes()),
)
def test_every_office_file_kind_is_named_and_kept_only_when_it_was_scanned_clean(
    kind, dataset, code, base_rows, home
):
    name, header, rows = base_rows[dataset]
    rows = [list(r) for r in rows]
    contract = CONTRACTS[dataset]
    column = next(c.name for c in contract.columns if c.type != "key")
    if code is not None:
        rows[0][header.index(column)] = f"pk {code}"
    landed = _landed(home, dataset, name, _file_of_kind(kind, header, rows))
    report = validate_source_file(landed, contract.source, today=TODAY)
    rules = {f.rule for f in report.failures}
    assert rules & {"file_kind", "encoding"}, report.to_markdown()
    target = quarantine(landed, report, home)
    if kind in UNSCANNABLE_KINDS or code is not None:
        assert report.disposition == "deleted" and not target.exists()
        if code is not None:
            reason = UNSCANNABLE if kind in UNSCANNABLE_KINDS else PERSONAL_CODE
            _assert_deleted_and_never_repeated(report, target, landed, code, reason)
        if kind in SCANNABLE_KINDS:
            assert any(r.endswith("no_personal_code") for r in rules)
    else:
        assert report.disposition == "quarantined" and target.exists()
        target.unlink()
    shutil.rmtree(home.quarantine, ignore_errors=True)
