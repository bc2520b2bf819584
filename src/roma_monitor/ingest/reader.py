"""Reading agency extracts as Latvian agencies export them.

`;`-separated, UTF-8 with BOM or Windows-1257, decimal comma, `DD.MM.YYYY` dates. Reading happens in
two steps so that the gate can say exactly what is wrong: `read_raw` keeps every value as text (and
never guesses), `to_typed` converts values whose format the gate has already accepted.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from roma_monitor.contracts.base import Contract

ROW_NUMBER = "_row_number"
# The month (YYYY-MM) of each row's period, derived for the checks that depend on it (ATVK vintage).
PERIOD_MONTH = "_period_month"
# A Latvian letter encoded as UTF-8 (ā č ē ģ ī ķ ļ ņ š ū ž …): in Windows-1257 these byte pairs read
# as an upper-case letter followed by a symbol, which Latvian text does not contain.
UTF8_LATVIAN_LETTER = re.compile(rb"[\xc4\xc5][\x80-\xbf]")


class ExtractReadError(ValueError):
    """The file cannot be read as a table at all (encoding, delimiter, empty)."""


@dataclass(frozen=True)
class RawExtract:
    path: Path
    sha256: str
    encoding: str
    header: list[str]
    frame: pd.DataFrame  # values as text (<NA> when empty), _row_number (1 = first data row)

    @property
    def rows(self) -> int:
        return len(self.frame)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def decode(data: bytes, encodings: tuple[str, ...]) -> tuple[str, str]:
    """Decode with the first accepted encoding that fits; a BOM means UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8-sig"
    except UnicodeDecodeError as error:
        if UTF8_LATVIAN_LETTER.search(data):
            raise ExtractReadError(
                "the file mixes UTF-8 and another encoding (invalid UTF-8 at byte "
                f"{error.start}); export the whole file in one encoding, preferably UTF-8"
            ) from None
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ExtractReadError(
        f"the file is neither UTF-8 nor any of {', '.join(encodings)}; export it as UTF-8"
    )


def read_raw(path: Path, contract: Contract) -> RawExtract:
    data = Path(path).read_bytes()
    if not data.strip():
        raise ExtractReadError("the file is empty")
    text, encoding = decode(data, contract.encodings)
    first_line = text.split("\n", 1)[0]
    if contract.delimiter not in first_line:
        found = next((d for d in (",", "\t", "|") if d in first_line), None)
        hint = f" (found {found!r})" if found else ""
        raise ExtractReadError(
            f"the header is not separated by {contract.delimiter!r}{hint}; "
            f"expected columns: {contract.delimiter.join(contract.column_names)}"
        )
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=contract.delimiter))
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if r]
    width = len(header)
    ragged = [i for i, r in enumerate(body, start=1) if len(r) != width]
    if ragged:
        sample = ", ".join(str(i) for i in ragged[:10])
        raise ExtractReadError(
            f"{len(ragged)} row(s) do not have {width} fields (rows {sample}); "
            "a field may contain the delimiter, or the file is truncated"
        )
    frame = (
        pd.DataFrame(body, columns=header, dtype="string")
        if body
        else pd.DataFrame({h: pd.Series([], dtype="string") for h in header})
    )
    frame = frame.apply(lambda s: s.str.strip().replace("", pd.NA)) if body else frame
    frame[ROW_NUMBER] = range(1, len(frame) + 1)
    return RawExtract(Path(path), sha256_of(Path(path)), encoding, header, frame)


def to_typed(raw: pd.DataFrame, contract: Contract) -> pd.DataFrame:
    """Convert text columns to their contract types. Call only after the format gate passed."""
    typed: dict[str, pd.Series] = {}
    for column in contract.columns:
        values = raw[column.name]
        if column.type == "month":
            typed[column.name] = pd.to_datetime(values + "-01", format="%Y-%m-%d").dt.date
        elif column.type == "quarter":
            typed[column.name] = pd.PeriodIndex(values, freq="Q").start_time.date
        elif column.type == "date":
            typed[column.name] = pd.to_datetime(values, format="%d.%m.%Y").dt.date
        elif column.type == "integer":
            typed[column.name] = pd.to_numeric(values).astype("Int64")
        elif column.type == "decimal":
            typed[column.name] = pd.to_numeric(values.str.replace(",", ".", regex=False))
        else:
            typed[column.name] = values.astype("string")
    frame = pd.DataFrame(typed)
    frame[ROW_NUMBER] = raw[ROW_NUMBER].to_numpy()
    return frame


def with_period_month(raw: pd.DataFrame, contract: Contract) -> pd.DataFrame:
    """The raw frame plus `_period_month`: the YYYY-MM month of the row's period (first month of
    a quarter; month of a date), or missing where the period value is malformed."""
    values = raw[contract.period_column]
    kind = contract.column(contract.period_column).type
    if kind == "month":
        month = values.where(values.str.fullmatch(r"\d{4}-\d{2}", na=False))
    elif kind == "quarter":
        parts = values.str.extract(r"^(\d{4})-Q([1-4])$")
        first = (pd.to_numeric(parts[1]) - 1) * 3 + 1
        month = (parts[0] + "-" + first.astype("Int64").astype("string").str.zfill(2)).astype(
            "string"
        )
    else:  # date, DD.MM.YYYY
        parts = values.str.extract(r"^\d{2}\.(\d{2})\.(\d{4})$")
        month = (parts[1] + "-" + parts[0]).astype("string")
    frame = raw.copy()
    frame[PERIOD_MONTH] = month.astype("string")
    return frame
