"""Reading agency extracts as Latvian agencies export them.

CSV: `;`-separated, UTF-8 (with or without BOM) or Windows-1257, decimal comma, `DD.MM.YYYY`
dates. XLSX (Excel): the first sheet, the column names in row 1, each cell converted to the text
the CSV would hold (numbers with a decimal comma, dates `DD.MM.YYYY`, months `YYYY-MM`).

Reading happens in steps so that the gate can say exactly what is wrong: `read_cells` parses the
file into text cells without judging it (the gate scans them for personal codes first),
`read_raw` also checks the table's shape and keeps every value as text (it never guesses), and
`to_typed` converts values whose format the gate has already accepted.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pandas as pd

from roma_monitor.contracts.base import WORKBOOK_SUFFIX, Contract
from roma_monitor.contracts.sql import PERIOD_MONTH, ROW_NUMBER

DEFAULT_ENCODINGS = ("utf-8-sig", "cp1257")
DEFAULT_DELIMITER = ";"
# A Latvian letter encoded as UTF-8 (ā č ē ģ ī ķ ļ ņ š ū ž …): in Windows-1257 these byte pairs read
# as an upper-case letter followed by a symbol, which Latvian text does not contain.
UTF8_LATVIAN_LETTER = re.compile(rb"[\xc4\xc5][\x80-\xbf]")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
# What a file is, by its first bytes (not its name): office suites save many kinds.
KIND_TEXT = "text"
KIND_XLSX = "xlsx"
KIND_UTF16 = "utf-16"
KIND_UTF32 = "utf-32"
FILE_KINDS = {
    "xlsx": "an Excel workbook (.xlsx)",
    "ods": "an OpenDocument spreadsheet (.ods, LibreOffice Calc)",
    "docx": "a Word document (.docx)",
    "odt": "an OpenDocument text document (.odt)",
    "zip": "a ZIP archive",
    "ole2": "an old-format Office file (.xls or .doc, Office 97-2003)",
    "pdf": "a PDF document",
    "utf-16": "text saved as UTF-16 (Excel's 'Unicode Text')",
    "utf-32": "text saved as UTF-32",
    "text": "a text (CSV) file",
}
FILE_KINDS_LV = {
    "xlsx": "Excel darbgrāmata (.xlsx)",
    "ods": "OpenDocument izklājlapa (.ods, LibreOffice Calc)",
    "docx": "Word dokuments (.docx)",
    "odt": "OpenDocument teksta dokuments (.odt)",
    "zip": "ZIP arhīvs",
    "ole2": "vecā formāta Office fails (.xls vai .doc, Office 97-2003)",
    "pdf": "PDF dokuments",
    "utf-16": "teksts, saglabāts kā UTF-16 (Excel 'Unicode Text')",
    "utf-32": "teksts, saglabāts kā UTF-32",
    "text": "teksta (CSV) fails",
}
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.text": "odt",
}
# Double-converted text ("mojibake"): UTF-8 read as Windows-1252/1257 (or Latin-1) and saved again
# turns ā into "Ä\x81", ī into "Ä«", š into "Å¡" ... Latvian text never has Ä or Å before a symbol.
_SECOND_BYTES = bytes(range(0x80, 0xC0))
_MOJIBAKE_TAILS = "".join(
    sorted(
        set(_SECOND_BYTES.decode("latin-1"))
        | set(_SECOND_BYTES.decode("cp1252", errors="ignore"))
        | set(_SECOND_BYTES.decode("cp1257", errors="ignore"))
    )
)
MOJIBAKE = re.compile("[ÄÅ][" + re.escape(_MOJIBAKE_TAILS) + "]")
MAX_ROWS_NAMED = 10
# A first sheet of more cells than this (rows × columns of its used range) is not read.
MAX_WORKBOOK_CELLS = 20_000_000
# How much text of one part of a workbook is read for the personal-code scan (a ZIP bomb stops).
MAX_PART_BYTES = 512 << 20
_XML_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE_VALUE = re.compile(r'"([^"]*)"')
_NUMBER_CELL = re.compile(r"<v>(\d+)(?:\.0+)?</v>")
# How far below row 1 a header pushed down by title rows or a multi-row header is looked for.
HEADER_SEARCH_ROWS = 10


class ExtractReadError(ValueError):
    """The file cannot be read as the contract's table (encoding, delimiter, shape, workbook).

    `rule` names the broken rule in the gate's report; `rows` are data rows (1 = the first row
    after the header) where that applies; `message_lv` is the message in Latvian (empty where
    none is written: the Latvian report then shows the English one). The message never quotes a
    cell's value."""

    def __init__(
        self,
        message: str,
        rule: str = "readable",
        rows: list[int] | None = None,
        message_lv: str = "",
    ):
        super().__init__(message)
        self.rule = rule
        self.rows = sorted(set(rows or []))
        self.message_lv = message_lv


@dataclass(frozen=True)
class Cells:
    """A file parsed into text cells, not yet judged: the header (row 1) and the data rows."""

    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number: 1 = first row after the header, values)
    encoding: str  # utf-8-sig, cp1257, or xlsx
    # Problems only a workbook can have (merged cells, formulas, error values), raised by
    # check_shape after the gate has scanned the cells for personal codes.
    problems: tuple[ExtractReadError, ...] = field(default_factory=tuple)

    @property
    def is_workbook(self) -> bool:
        return self.encoding == "xlsx"


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


def is_workbook(path: Path) -> bool:
    return Path(path).name.endswith(WORKBOOK_SUFFIX)


def is_zip_archive(path: Path) -> bool:
    """Starts like a ZIP archive (what an .xlsx is), even if it is cut short."""
    with open(path, "rb") as f:
        return f.read(2) == b"PK"


def sniff_kind(path: Path) -> str:
    """What the file is by its content (a key of FILE_KINDS), whatever its name says."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(b"PK"):
        return _zip_kind(path)
    if head.startswith(_OLE2_SIGNATURE):
        return "ole2"
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(UTF32_BOMS):
        return KIND_UTF32
    if head.startswith(UTF16_BOMS):
        return KIND_UTF16
    return wide_text_encoding(head)[0] or KIND_TEXT


def wide_text_encoding(head: bytes) -> tuple[str | None, str | None]:
    """(kind, codec) of text in UTF-32 or UTF-16 without a BOM, told by where its NUL bytes
    stand (the high bytes of Latin letters and digits), or (None, None). A stray NUL in a value
    of a UTF-8 file is not this."""
    head = head[: len(head) - len(head) % 4]
    if len(head) < 8:
        return None, None
    columns = [head[i::4] for i in range(4)]
    zero = [column.count(0) / len(column) for column in columns]
    if min(zero[2], zero[3]) > 0.9:
        return KIND_UTF32, "utf-32-le"
    if min(zero[0], zero[1]) > 0.9:
        return KIND_UTF32, "utf-32-be"
    odd, even = (zero[1] + zero[3]) / 2, (zero[0] + zero[2]) / 2
    if odd > 0.6 and even < 0.1:
        return KIND_UTF16, "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return KIND_UTF16, "utf-16-be"
    return None, None


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _ODF_MIMETYPES.get(archive.read("mimetype").strip(), "zip")
    except (zipfile.BadZipFile, OSError, KeyError):
        return "zip"
    if "xl/workbook.xml" in names:
        return KIND_XLSX
    return "docx" if "word/document.xml" in names else "zip"


def text_of_unreadable(data: bytes) -> str:
    """The text of a file that cannot be parsed, decoded as well as its first bytes tell (for
    the personal-code scan; digits and separators survive every decoding tried)."""
    for boms, encoding in ((UTF32_BOMS, "utf-32"), (UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            return data.decode(encoding, errors="replace")
    _, codec = wide_text_encoding(data[:4096])
    if codec:
        return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1257", errors="replace")


def nfc(value: str) -> str:
    """Text in composed form (NFC): 'ā' as one character, as the contracts write it, even when an
    export decomposed it into 'a' and a combining macron (NFD)."""
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _line_of(data: bytes | str, offset: int) -> int:
    return data[:offset].count(b"\n" if isinstance(data, bytes) else "\n") + 1


def _rows_of_lines(*lines: int) -> list[int]:
    """Data rows of file lines (line 1 is the header)."""
    return [line - 1 for line in lines if line > 1]


def decode(data: bytes, encodings: tuple[str, ...]) -> tuple[str, str]:
    """Decode with the first accepted encoding that fits; a BOM means UTF-8."""
    wide, _ = wide_text_encoding(data[:4096])
    if data.startswith(UTF16_BOMS) or wide:
        utf32 = data.startswith(UTF32_BOMS) or wide == KIND_UTF32
        width = "UTF-32" if utf32 else "UTF-16 (Excel's 'Unicode Text')"
        width_lv = "UTF-32" if utf32 else "UTF-16 (Excel 'Unicode Text')"
        raise ExtractReadError(
            f"the file is saved as {width}; save it as 'CSV UTF-8' "
            "with ';' between the columns, or send the .xlsx workbook",
            rule="encoding",
            message_lv=f"fails ir saglabāts kā {width_lv}; saglabājiet to kā 'CSV UTF-8' ar ';' "
            "starp kolonnām vai nosūtiet .xlsx darbgrāmatu",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as error:
            line = _line_of(data, error.start)
            raise ExtractReadError(
                f"the file starts as UTF-8 but line {line} is not valid UTF-8 (byte "
                f"{error.start}); export the whole file in one encoding, preferably UTF-8",
                rule="encoding",
                rows=_rows_of_lines(line),
                message_lv=f"fails sākas kā UTF-8, bet {line}. rindiņa nav derīgs UTF-8 "
                f"({error.start}. baits); eksportējiet visu failu vienā kodējumā, vēlams UTF-8",
            ) from None
    try:
        return data.decode("utf-8"), "utf-8-sig"
    except UnicodeDecodeError:
        if UTF8_LATVIAN_LETTER.search(data):
            raise _mixed_encodings_error(data) from None
    legacy_error: tuple[str, UnicodeDecodeError] | None = None
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            if not encoding.startswith("utf") and legacy_error is None:
                legacy_error = (encoding, error)
    where = where_lv = ""
    rows: list[int] = []
    if legacy_error is not None:
        encoding, error = legacy_error
        line = _line_of(data, error.start)
        where = f" (line {line} has byte 0x{data[error.start]:02X}, which is no character "
        where += f"in {encoding})"
        where_lv = f" ({line}. rindiņā ir baits 0x{data[error.start]:02X}, kas kodējumā "
        where_lv += f"{encoding} nav rakstzīme)"
        rows = _rows_of_lines(line)
    raise ExtractReadError(
        f"the file is neither UTF-8 nor any of {', '.join(encodings)}{where}; export it as UTF-8",
        rule="encoding",
        rows=rows,
        message_lv=f"fails nav ne UTF-8, ne kādā no kodējumiem {', '.join(encodings)}{where_lv}; "
        "eksportējiet to kā UTF-8",
    )


def _mixed_encodings_error(data: bytes) -> ExtractReadError:
    """Lines written in UTF-8 among lines in another encoding: name the fewer kind."""
    utf8, other = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
        else:
            if UTF8_LATVIAN_LETTER.search(line):
                utf8.append(number)
    odd, kind = (utf8, "UTF-8") if len(utf8) <= len(other) else (other, "another encoding")
    kind_lv = "UTF-8 kodējumā" if odd is utf8 else "citā kodējumā"
    listed = ", ".join(map(str, odd[:MAX_ROWS_NAMED]))
    return ExtractReadError(
        f"the file mixes UTF-8 and another encoding: line(s) {listed} are in {kind}, the rest "
        "not (rows added or edited in another program?); export the whole file in one "
        "encoding, preferably UTF-8",
        rule="encoding",
        rows=_rows_of_lines(*odd),
        message_lv=f"failā sajaukts UTF-8 un cits kodējums: rindiņas {listed} ir {kind_lv}, "
        "pārējās nav (rindas pievienotas vai labotas citā programmā?); eksportējiet visu failu "
        "vienā kodējumā, vēlams UTF-8",
    )


def check_not_double_encoded(text: str) -> None:
    """Reject text garbled by a double conversion (e.g. 'Rīga' saved as 'RÄ«ga')."""
    lines = [_line_of(text, m.start()) for m in MOJIBAKE.finditer(text)]
    if not lines:
        return
    garbled = MOJIBAKE.search(text).group()
    letter = next(
        (
            fixed
            for encoding in ("cp1252", "cp1257", "latin-1")
            if (fixed := _redecoded(garbled, encoding)) is not None
        ),
        "?",
    )
    rows = sorted(set(_rows_of_lines(*lines)))
    header = " (and the header)" if 1 in lines else ""
    header_lv = ", arī galvene" if 1 in lines else ""
    raise ExtractReadError(
        f"the text is garbled by a double conversion on {len(set(lines))} line(s){header}: "
        f"'{garbled}' is how '{letter}' looks when a UTF-8 file is opened as Windows-1252 and "
        "saved again; export the original data as UTF-8",
        rule="encoding",
        rows=rows,
        message_lv=f"teksts ir sabojāts divkāršas pārkodēšanas dēļ (skartās rindiņas: "
        f"{len(set(lines))}{header_lv}): '{garbled}' ir tas, kā izskatās '{letter}', ja UTF-8 "
        "failu atver kā Windows-1252 un saglabā vēlreiz; eksportējiet sākotnējos datus kā UTF-8",
    )


def _redecoded(garbled: str, encoding: str) -> str | None:
    try:
        return garbled.encode(encoding).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _parse_csv(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as error:
        line = reader.line_num
        if "field larger" in str(error):
            row = len(records)  # records[0] is the header
            raise ExtractReadError(
                f"row {row} has a value longer than {csv.field_size_limit()} characters, far "
                "beyond any column's limit; a quotation mark (\") that is never closed makes "
                "the rest of the file one value",
                rule="field_too_long",
                rows=[row] if row else [],
                message_lv=f"{row}. rindā ir vērtība, kas garāka par {csv.field_size_limit()} "
                'rakstzīmēm, daudz garāka, nekā atļauts jebkurā kolonnā; pēdiņa ("), kas nav '
                "aizvērta, padara visu atlikušo failu par vienu vērtību",
            ) from None
        raise ExtractReadError(
            f"line {line} cannot be read as CSV ({error})",
            rule="readable",
            rows=_rows_of_lines(line),
            message_lv=f"{line}. rindiņu nevar nolasīt kā CSV ({error})",
        ) from None
    return records


def _blank(values: list[str]) -> bool:
    return not any(v.strip() for v in values)


def _read_csv(path: Path, contract: Contract | None) -> Cells:
    data = path.read_bytes()
    if not data.strip():
        what = "0 bytes" if not data else "only blank lines"
        what_lv = "0 baitu" if not data else "tikai tukšas rindiņas"
        raise ExtractReadError(
            f"the file is empty ({what})",
            rule="empty_file",
            message_lv=f"fails ir tukšs ({what_lv})",
        )
    encodings = contract.encodings if contract else DEFAULT_ENCODINGS
    delimiter = contract.delimiter if contract else DEFAULT_DELIMITER
    text, encoding = decode(data, encodings)
    if not text.strip():
        raise ExtractReadError(
            "the file is empty (only a byte-order mark and blank lines: an empty 'CSV UTF-8' "
            "export)",
            rule="empty_file",
            message_lv="fails ir tukšs (tikai baitu secības zīme un tukšas rindiņas: tukšs "
            "'CSV UTF-8' eksports)",
        )
    check_not_double_encoded(text)
    records = _parse_csv(nfc(text), delimiter)
    header = [h.strip() for h in records[0]]
    # Numbered by record, so row n is line n + 1 of the file; blank lines (also Excel's rows of
    # bare delimiters) are not data.
    rows = [(i, r) for i, r in enumerate(records[1:], start=1) if not _blank(r)]
    return Cells(header, rows, encoding)


def read_cells(path: Path, contract: Contract | None = None) -> Cells:
    """Parse a CSV or XLSX file into text cells. Raises ExtractReadError only when the file
    cannot be parsed at all; its shape is judged by `check_shape`."""
    path = Path(path)
    kind = sniff_kind(path)
    if is_workbook(path):
        if kind not in (KIND_XLSX, "zip", KIND_TEXT):
            raise _wrong_kind_error(path, kind)
        return read_workbook(path, contract)
    if kind not in (KIND_TEXT, KIND_UTF16, KIND_UTF32):
        raise _wrong_kind_error(path, kind)
    return _read_csv(path, contract)


def _wrong_kind_error(path: Path, kind: str) -> ExtractReadError:
    named = ".xlsx workbook" if is_workbook(path) else "CSV file"
    named_lv = ".xlsx darbgrāmata" if is_workbook(path) else "CSV fails"
    advice = (
        "send it with the .xlsx ending, or save it as 'CSV UTF-8' with ';' between the columns"
        if kind == KIND_XLSX
        else "save the table as 'CSV UTF-8' with ';' between the columns, or as an Excel "
        "workbook (.xlsx)"
    )
    advice_lv = (
        "nosūtiet to ar galotni .xlsx vai saglabājiet kā 'CSV UTF-8' ar ';' starp kolonnām"
        if kind == KIND_XLSX
        else "saglabājiet tabulu kā 'CSV UTF-8' ar ';' starp kolonnām vai kā Excel darbgrāmatu "
        "(.xlsx)"
    )
    return ExtractReadError(
        f"this is {FILE_KINDS[kind]}, not a {named} as its name says; {advice}",
        rule="file_kind",
        message_lv=f"šis ir {FILE_KINDS_LV[kind]}, nevis {named_lv}, kā norāda tā nosaukums; "
        f"{advice_lv}",
    )


def _open_workbook(path: Path):
    import openpyxl  # only when a workbook arrives
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read-only: merged cells are only known to a fully loaded sheet.
        # From the bytes: openpyxl refuses a workbook whose name does not end in .xlsx.
        return openpyxl.load_workbook(io.BytesIO(path.read_bytes()), data_only=False)
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ExtractReadError(
            "the workbook cannot be opened: it is damaged, cut short, or not an Excel .xlsx "
            f"file ({type(error).__name__}); save it again from Excel as .xlsx, or as CSV",
            rule="workbook",
            message_lv="darbgrāmatu nevar atvērt: tā ir bojāta, nepilnīga vai nav Excel .xlsx "
            f"fails ({type(error).__name__}); saglabājiet to vēlreiz no Excel kā .xlsx vai kā CSV",
        ) from None


def workbook_parts(path: Path) -> list[tuple[str, str, list[str]]]:
    """Every part of an .xlsx (every sheet, its name, comments, document properties, defined
    names, headers and footers) as (part name, its text, its whole-number cells), whatever the
    name of the file, for the personal-code scan: the table is read from the first sheet only,
    but a code anywhere in the workbook is a code sent. Raises ExtractReadError when a part
    cannot be read."""
    parts = []
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if member.file_size > MAX_PART_BYTES:
                    raise ExtractReadError(
                        f"part {member.filename} of the workbook is too large to check",
                        rule="workbook",
                        message_lv=f"darbgrāmatas daļa {member.filename} ir par lielu, lai to "
                        "pārbaudītu",
                    )
                xml = archive.read(member).decode("utf-8", errors="replace")
                text = html.unescape(_XML_TAG.sub(_attribute_values, xml))
                parts.append((member.filename, text, _NUMBER_CELL.findall(xml)))
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError) as error:
        raise ExtractReadError(
            f"the workbook cannot be unpacked ({type(error).__name__})",
            rule="workbook",
            message_lv=f"darbgrāmatu nevar atpakot ({type(error).__name__})",
        ) from None
    return parts


def _attribute_values(tag: re.Match) -> str:
    """A tag as the text it carries in its attributes (a sheet's name, a defined name), spaced
    apart so that neighbouring values never run together."""
    return "    " + "    ".join(_ATTRIBUTE_VALUE.findall(tag.group())) + "    "


def _merged_problem(sheet) -> ExtractReadError | None:
    ranges = sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
    if not ranges:
        return None
    listed = ", ".join(r.coord for r in ranges[:MAX_ROWS_NAMED])
    in_header = any(r.min_row == 1 for r in ranges)
    where = "the header" if in_header else "data rows"
    where_lv = "galvenē" if in_header else "datu rindās"
    rows = [n - 1 for r in ranges for n in range(max(r.min_row, 2), r.max_row + 1)]
    return ExtractReadError(
        f"sheet '{sheet.title}' has merged cells in {where} ({listed}): a merged cell hides which "
        "column or row a value belongs to; unmerge them so that row 1 holds one column name per "
        "cell and each row below one value per cell",
        rule="xlsx.merged_cells",
        rows=rows,
        message_lv=f"lapā '{sheet.title}' ir apvienotas šūnas {where_lv} ({listed}): apvienota "
        "šūna slēpj, kurai kolonnai vai rindai vērtība pieder; atceliet šūnu apvienošanu, lai "
        "1. rindā katrā šūnā būtu viens kolonnas nosaukums un katrā rindā zem tās katrā šūnā "
        "viena vērtība",
    )


def _cells_problem(
    rule: str, what: str, cells: list[tuple[str, int]], sheet, what_lv: str
) -> ExtractReadError:
    listed = ", ".join(coordinate for coordinate, _ in cells[:MAX_ROWS_NAMED])
    what, _, advice = what.partition(": ")
    what_lv, _, advice_lv = what_lv.partition(": ")
    return ExtractReadError(
        f"{len(cells)} cell(s) of sheet '{sheet.title}' {what} ({listed})"
        + (f": {advice}" if advice else ""),
        rule=rule,
        rows=[row for _, row in cells if row >= 1],
        message_lv=f"lapā '{sheet.title}' ir šūnas, kurās {what_lv} ({listed}; kopā {len(cells)})"
        + (f": {advice_lv}" if advice_lv else ""),
    )


def read_workbook(path: Path, contract: Contract | None) -> Cells:
    """The first sheet of an .xlsx workbook as text cells; row n is Excel row n + 1."""
    sheet = _open_workbook(path).worksheets[0]
    if sheet.max_row * sheet.max_column > MAX_WORKBOOK_CELLS:
        # One cell far away (XFD1048576) would make the sheet billions of empty cells.
        raise ExtractReadError(
            f"sheet '{sheet.title}' uses the range {sheet.dimensions}, far larger than a table "
            "(something, or only formatting, sits far below or right of the data); delete the "
            "rows and columns after the table, or save the sheet as 'CSV UTF-8'",
            rule="xlsx.used_range",
            message_lv=f"lapa '{sheet.title}' aizņem apgabalu {sheet.dimensions}, kas ir daudz "
            "lielāks par tabulu (kaut kas, vai tikai formatējums, atrodas tālu zem datiem vai pa "
            "labi no tiem); izdzēsiet rindas un kolonnas aiz tabulas vai saglabājiet lapu kā "
            "'CSV UTF-8'",
        )
    grid = list(sheet.iter_rows(min_row=1, min_col=1))
    if not any(c.value is not None for row in grid for c in row):
        raise ExtractReadError(
            f"the first sheet '{sheet.title}' is empty",
            rule="empty_file",
            message_lv=f"pirmā lapa '{sheet.title}' ir tukša",
        )
    header = [nfc(cell_text(c.value)).strip() for c in grid[0]]
    while header and not header[-1]:
        header.pop()
    types = {c.name: c.type for c in contract.columns} if contract else {}
    kinds = [types.get(name, "text") for name in header]
    rows, formulas, errors = [], [], []
    for excel_row in grid[1:]:
        number = excel_row[0].row - 1
        values = []
        for i, cell in enumerate(excel_row):
            if cell.data_type == "f":
                formulas.append((cell.coordinate, number))
            elif cell.data_type == "e":
                errors.append((cell.coordinate, number))
            values.append(nfc(cell_text(cell.value, kinds[i] if i < len(kinds) else "text")))
        while len(values) > len(header) and not values[-1].strip():
            values.pop()
        if not _blank(values):
            rows.append((number, values))
    problems = [p for p in (_merged_problem(sheet),) if p]
    if formulas:
        problems.append(
            _cells_problem(
                "xlsx.formula",
                "hold formulas: send values only (copy the sheet and paste it as values)",
                formulas,
                sheet,
                "ir formulas: sūtiet tikai vērtības (nokopējiet lapu un ielīmējiet to kā vērtības)",
            )
        )
    if errors:
        problems.append(
            _cells_problem(
                "xlsx.error_value",
                "hold Excel error values such as #N/A or #REF!",
                errors,
                sheet,
                "ir Excel kļūdu vērtības, piemēram, #N/A vai #REF!",
            )
        )
    return Cells(header, rows, "xlsx", tuple(problems))


def _looks_like_header(values: list[str], contract: Contract) -> bool:
    names = set(contract.column_names)
    return len(names & {v.strip() for v in values}) * 2 >= len(names)


def _check_header_row(cells: Cells, contract: Contract) -> None:
    """Title rows or a multi-row header above the column names."""
    if _looks_like_header(cells.header, contract):
        return
    for number, values in cells.rows[:HEADER_SEARCH_ROWS]:
        if _looks_like_header(values, contract):
            line = number + 1
            where = "row" if cells.is_workbook else "line"
            stem = "rind" if cells.is_workbook else "rindiņ"
            raise ExtractReadError(
                f"the column names are on {where} {line}, not on {where} 1: the header must be "
                f"exactly one {where}, the first; delete the {line - 1} {where}(s) above it "
                "(a title, or the upper rows of a multi-row header)",
                rule="header_row",
                message_lv=f"kolonnu nosaukumi ir {line}. {stem}ā, nevis 1. {stem}ā: galvene "
                f"drīkst aizņemt tikai vienu, pirmo {stem}u; izdzēsiet visas {stem}as virs tās "
                f"(kopā {line - 1}: virsrakstu vai vairākrindu galvenes augšējās rindas)",
            )


def _check_delimiter(cells: Cells, contract: Contract) -> None:
    if cells.is_workbook or len(cells.header) > 1 or len(contract.columns) < 2:
        return
    found = next((d for d in (",", "\t", "|") if d in cells.header[0]), None)
    hint = f" (found {found!r})" if found else ""
    hint_lv = f" (atrasts {found!r})" if found else ""
    raise ExtractReadError(
        f"the header is not separated by {contract.delimiter!r}{hint}; "
        f"expected columns: {contract.delimiter.join(contract.column_names)}",
        rule="delimiter",
        message_lv=f"galvenes kolonnas nav atdalītas ar {contract.delimiter!r}{hint_lv}; "
        f"gaidītās kolonnas: {contract.delimiter.join(contract.column_names)}",
    )


def _check_header_names(header: list[str]) -> None:
    unnamed = [i for i, name in enumerate(header, start=1) if not name]
    if unnamed:
        at_end = (
            " (a delimiter at the end of the header line?)" if unnamed[-1] == len(header) else ""
        )
        at_end_lv = (
            " (vai galvenes rindiņas beigās ir atdalītājs?)" if unnamed[-1] == len(header) else ""
        )
        raise ExtractReadError(
            f"column(s) {', '.join(map(str, unnamed))} of the header have no name{at_end}; "
            "every column needs its name from the contract",
            rule="columns",
            message_lv="galvenē nav nosaukuma kolonnai vai kolonnām "
            f"{', '.join(map(str, unnamed))}{at_end_lv}; katrai kolonnai jābūt nosaukumam no "
            "datu līguma",
        )
    seen: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        if name in seen:
            raise ExtractReadError(
                f"the header names '{name}' twice (columns {seen[name]} and {i}); "
                "each column may appear once",
                rule="columns",
                message_lv=f"galvenē nosaukums '{name}' ir divreiz ({seen[name]}. un {i}. "
                "kolonna); katra kolonna drīkst būt tikai vienreiz",
            )
        seen[name] = i


def _check_row_widths(cells: Cells) -> None:
    width = len(cells.header)
    short = [n for n, r in cells.rows if len(r) < width]
    long = [n for n, r in cells.rows if len(r) > width]
    if not short and not long:
        return
    parts, parts_lv = [], []
    if short:
        listed = ", ".join(map(str, short[:MAX_ROWS_NAMED]))
        last = " the last row is cut short;" if cells.rows[-1][0] in short else ""
        last_lv = " pēdējā rinda ir nepilnīga;" if last else ""
        parts.append(
            f"{len(short)} row(s) have fewer than {width} fields (rows {listed}):{last} is the "
            'file truncated, or is a quotation mark (") never closed?'
        )
        parts_lv.append(
            f"rindās {listed} (kopā {len(short)}) ir mazāk lauku, nekā vajag ({width}):{last_lv} "
            'vai fails ir nogriezts, vai kāda pēdiņa (") nav aizvērta?'
        )
    if long:
        listed = ", ".join(map(str, long[:MAX_ROWS_NAMED]))
        cause = (
            "values in columns without a name in row 1"
            if cells.is_workbook
            else "a value containing the delimiter must be quoted"
        )
        cause_lv = (
            "vērtības kolonnās, kurām 1. rindā nav nosaukuma"
            if cells.is_workbook
            else "vērtība, kurā ir atdalītājs, jāliek pēdiņās"
        )
        parts.append(f"{len(long)} row(s) have more than {width} fields (rows {listed}): {cause}")
        parts_lv.append(
            f"rindās {listed} (kopā {len(long)}) ir vairāk lauku, nekā vajag ({width}): {cause_lv}"
        )
    raise ExtractReadError(
        "; ".join(parts), rule="row_width", rows=short + long, message_lv="; ".join(parts_lv)
    )


def check_shape(cells: Cells, contract: Contract) -> None:
    """Raise ExtractReadError if the cells are not one table with the contract's header line."""
    if cells.problems:
        raise cells.problems[0]
    _check_header_row(cells, contract)
    _check_delimiter(cells, contract)
    _check_header_names(cells.header)
    _check_row_widths(cells)


def read_raw(path: Path, contract: Contract) -> RawExtract:
    return raw_from_cells(path, read_cells(path, contract), contract)


def raw_from_cells(path: Path, cells: Cells, contract: Contract) -> RawExtract:
    """The table of `cells` (read from `path`), once its shape is checked."""
    check_shape(cells, contract)
    header = cells.header
    if cells.rows:
        frame = pd.DataFrame([r for _, r in cells.rows], columns=header, dtype="string")
        frame = frame.apply(lambda s: s.str.strip().replace("", pd.NA))
    else:
        frame = pd.DataFrame({h: pd.Series([], dtype="string") for h in header})
    frame[ROW_NUMBER] = [n for n, _ in cells.rows]
    return RawExtract(Path(path), sha256_of(Path(path)), cells.encoding, header, frame)


def cell_text(value: object, column_type: str = "text") -> str:
    """A workbook cell as the text a CSV export of the contract would hold (never a guess:
    what does not fit the column's format stays visibly wrong for the gate)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() != time(0):
            return value.strftime("%d.%m.%Y %H:%M:%S")
        value = value.date()
    if isinstance(value, date):
        if column_type == "month" and value.day == 1:
            return value.strftime("%Y-%m")
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(float(value)).replace(".", ",")
    return str(value)


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
