from datetime import date

import pytest

from roma_monitor.ingest.reader import ExtractReadError, read_raw, to_typed
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
