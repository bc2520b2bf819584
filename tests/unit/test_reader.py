from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from roma_monitor.contracts.sif import SIF
from roma_monitor.ingest.reader import ExtractReadError, cell_text, read_raw, to_typed
from tests.conftest import sif_row, write_extract


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1257"])
def test_reads_each_agency_encoding_with_latvian_letters_intact(tmp_path, sif_contract, encoding):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv",
        [sif_row(municipality_name="Ķekavas novads")],
        encoding=encoding,
    )
    raw = read_raw(path, sif_contract)
    assert raw.frame.loc[0, "municipality_name"] == "Ķekavas novads"
    assert raw.frame.loc[0, "risk_groups"] == "etniskā piederība"
    assert raw.encoding == ("cp1257" if encoding == "cp1257" else "utf-8-sig")
    assert raw.header == sif_contract.column_names


def test_typed_values_use_decimal_comma_and_latvian_dates(tmp_path, sif_contract):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv",
        [
            sif_row(service_hours="12,5", service_end_date="30.09.2021"),
            sif_row(participant_key="b" * 64, service_hours="3", service_end_date=""),
        ],
    )
    typed = to_typed(read_raw(path, sif_contract).frame, sif_contract)
    assert typed["service_hours"].tolist() == [12.5, 3.0]
    assert typed.loc[0, "service_end_date"] == date(2021, 9, 30)
    assert typed["service_end_date"].isna().tolist() == [False, True]
    assert typed.loc[0, "reporting_month"] == date(2021, 9, 1)
    assert typed.loc[0, "birth_year"] == 1984
    assert typed["_row_number"].tolist() == [1, 2]


def test_quoted_field_may_contain_the_delimiter(tmp_path, sif_contract):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv", [sif_row(municipality_name='"Rīga; centrs"')]
    )
    assert read_raw(path, sif_contract).frame.loc[0, "municipality_name"] == "Rīga; centrs"


def test_empty_file_is_a_read_error(tmp_path, sif_contract):
    path = tmp_path / "SIF_9144_202109.csv"
    path.write_bytes(b"")
    with pytest.raises(ExtractReadError, match="empty"):
        read_raw(path, sif_contract)


def test_comma_separated_file_is_named_as_such(tmp_path, sif_contract):
    path = write_extract(tmp_path / "SIF_9144_202109.csv", [sif_row()], delimiter=",")
    with pytest.raises(ExtractReadError, match="found ','"):
        read_raw(path, sif_contract)


def test_truncated_last_line_is_reported_with_its_row(tmp_path, sif_contract):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv", [sif_row(), sif_row(participant_key="b" * 64)[:5]]
    )
    with pytest.raises(ExtractReadError, match=r"rows 2\)"):
        read_raw(path, sif_contract)


def test_bytes_that_are_no_accepted_encoding_are_rejected(tmp_path, sif_contract):
    path = tmp_path / "SIF_9144_202109.csv"
    path.write_bytes(";".join(sif_contract.column_names).encode() + b"\r\n\x81\x83;\x98\r\n")
    with pytest.raises(ExtractReadError, match="neither UTF-8"):
        read_raw(path, sif_contract)


def test_file_mixing_utf8_and_windows_1257_is_rejected_not_garbled(tmp_path, sif_contract):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv", [sif_row(municipality_name="Jūrmala")], encoding="cp1257"
    )
    with open(path, "ab") as f:  # a row appended by hand in an editor saving UTF-8
        f.write(
            ";".join(sif_row(participant_key="b" * 64, municipality_name="Rīga")).encode() + b"\r\n"
        )
    with pytest.raises(ExtractReadError, match="mixes UTF-8"):
        read_raw(path, sif_contract)


def test_utf16_file_is_named_as_such(tmp_path, sif_contract):
    path = write_extract(tmp_path / "SIF_9144_202109.csv", [sif_row()], encoding="utf-16")
    with pytest.raises(ExtractReadError, match="UTF-16") as raised:
        read_raw(path, sif_contract)
    assert raised.value.rule == "encoding"


def test_double_converted_text_names_the_letter_and_the_rows(tmp_path, sif_contract):
    garbled = "Ķekavas novads".encode().decode("cp1252", errors="replace")
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv",
        [sif_row(), sif_row(participant_key="b" * 64, municipality_name=garbled)],
    )
    with pytest.raises(ExtractReadError, match="is how 'Ķ' looks") as raised:
        read_raw(path, sif_contract)
    assert raised.value.rows == [2]


def test_value_beyond_the_csv_field_limit_is_a_reported_error_not_a_crash(tmp_path, sif_contract):
    path = write_extract(
        tmp_path / "SIF_9144_202109.csv",
        [sif_row(), sif_row(participant_key="b" * 64, municipality_name="x" * 200_000)],
    )
    with pytest.raises(ExtractReadError, match="row 2 has a value longer"):
        read_raw(path, sif_contract)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ([*SIF.column_names, "sex"], "names 'sex' twice"),
        ([*SIF.column_names, ""], "13 of the header have no name"),
    ],
)
def test_duplicate_or_unnamed_header_columns_are_named(tmp_path, sif_contract, header, message):
    path = write_extract(tmp_path / "SIF_9144_202109.csv", [[*sif_row(), "S"]], header=header)
    with pytest.raises(ExtractReadError, match=message) as raised:
        read_raw(path, sif_contract)
    assert raised.value.rule == "columns"


@pytest.mark.parametrize(
    ("value", "column_type", "text"),
    [
        (None, "text", ""),
        ("Rīga", "text", "Rīga"),
        (1984, "integer", "1984"),
        (1984.0, "integer", "1984"),
        (12.5, "decimal", "12,5"),
        (datetime(2021, 9, 1), "month", "2021-09"),
        (datetime(2021, 9, 6), "date", "06.09.2021"),
        (date(2021, 9, 6), "month", "06.09.2021"),  # not the first of a month: stays visible
        (datetime(2021, 9, 6, 14, 30), "date", "06.09.2021 14:30:00"),
        (15038412346, "key", "15038412346"),
    ],
)
def test_workbook_cells_become_the_text_a_csv_would_hold(value, column_type, text):
    assert cell_text(value, column_type) == text


def test_first_sheet_of_a_workbook_reads_like_the_csv(tmp_path, sif_contract):
    rows = [sif_row(), sif_row(participant_key="b" * 64, service_hours="3")]
    csv_path = write_extract(tmp_path / "csv" / "SIF_9144_202109.csv", rows)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(sif_contract.column_names)
    for row in rows:
        typed = list(row)
        typed[0] = datetime(2021, 9, 1)  # Excel turned "2021-09" into a date
        typed[5] = int(row[5])
        typed[11] = float(row[11].replace(",", "."))
        sheet.append([v if v != "" else None for v in typed])
    workbook.create_sheet("Piezīmes").append(["ignored: only the first sheet is read"])
    xlsx_path = tmp_path / "SIF_9144_202109.xlsx"
    workbook.save(xlsx_path)
    from_xlsx, from_csv = read_raw(xlsx_path, sif_contract), read_raw(csv_path, sif_contract)
    assert from_xlsx.encoding == "xlsx"
    pd.testing.assert_frame_equal(from_xlsx.frame, from_csv.frame)


def test_merged_cells_and_formulas_in_a_workbook_are_named_by_cell(tmp_path, sif_contract):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(sif_contract.column_names)
    sheet.append([*sif_row()[:11], "=10+2.5"])
    workbook.save(tmp_path / "SIF_9144_202109.xlsx")
    with pytest.raises(ExtractReadError, match=r"hold formulas.*\(L2\)") as raised:
        read_raw(tmp_path / "SIF_9144_202109.xlsx", sif_contract)
    assert (raised.value.rule, raised.value.rows) == ("xlsx.formula", [1])
    sheet.merge_cells("A1:B1")
    workbook.save(tmp_path / "SIF_9144_202109.xlsx")
    with pytest.raises(ExtractReadError, match=r"merged cells in the header \(A1:B1\)"):
        read_raw(tmp_path / "SIF_9144_202109.xlsx", sif_contract)
