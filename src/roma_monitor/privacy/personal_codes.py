"""Latvian personal codes in every spelling, and the one redaction every value from an extract
passes before it is shown, logged or stored (docs/privacy.md, docs/bad-inputs.md).

A personal code has 11 digits: the old form `DDMMYY-NNNNN` (birth date, then 5 digits) and the
form issued since 01.07.2017, `32NNNN-NNNNN` (no birth date in it). People and office programs
write the two halves apart with a hyphen, a space, an en dash (Word's autocorrect), a
non-breaking space, a dot or a slash, or with nothing at all; a code can be split between two
cells, typed with full-width digits, have an invisible character (a zero-width space, a soft
hyphen) inside it, or be stored reversed behind a right-to-left override.

Detection runs on a *scan form* of the text: every digit of any script mapped to 0-9, invisible
format characters and blank letters removed (and, behind a right-to-left override, read
reversed too). `PERSONAL_CODE_PATTERN` is the same rule on raw text, for the engines that
run it as a regular expression (GX on pandas, DuckDB's RE2): they send any value with a
character the scan form changes to the reference engine first (`NEEDS_SCAN_FORM_RE2`).

A pseudonymous key (64 lower-case hex characters), a SHA-256 or a load id may contain 11 digits
in a row; a hexadecimal identifier (16 or more hex characters, a letter among them) is not read
as the digits in it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# What may stand between the two halves, up to three characters (" - "): anything but a letter
# or a digit. People and programs write a space, a hyphen, an en dash (Word), a no-break space
# (Excel), a dot, a slash, a line break, a wave dash, a control character ... and a code in a
# line of CSV has the delimiter between two cells. Written `[\W_]` (Python's re); sql_gate.re2
# turns it into RE2's `[^\p{L}\p{N}]`.
SEPARATOR_CLASS = r"[\W_]"
MAX_SEPARATORS = 3
_SEPARATOR_RUN = f"{SEPARATOR_CLASS}{{0,{MAX_SEPARATORS}}}"
# The first half: a birth date DDMMYY (day 0-3x, month 0x-1x) or the new form's 32NNNN.
FIRST_HALF = r"(?:[0-3][0-9][01][0-9][0-9][0-9]|32[0-9]{4})"
SECOND_HALF = r"[0-9]{5}"
# Not right after a digit, nor after "+" (+37129123456 is a telephone number).
_NOT_AFTER = r"(?<![\d+])"
# On raw text (GX, and DuckDB after sql_gate.re2 rewrites the look-arounds and classes).
PERSONAL_CODE_PATTERN = rf"{_NOT_AFTER}{FIRST_HALF}{_SEPARATOR_RUN}{SECOND_HALF}(?!\d)"
PERSONAL_CODE_RE = re.compile(PERSONAL_CODE_PATTERN)
# A code split between two neighbouring cells: the first ends with its first half, the next
# starts with the second half (separators on either side of the cell boundary allowed).
FIRST_HALF_AT_END_PATTERN = rf"{_NOT_AFTER}{FIRST_HALF}{_SEPARATOR_RUN}$"
SECOND_HALF_AT_START_PATTERN = rf"^{_SEPARATOR_RUN}{SECOND_HALF}(?!\d)"
_FIRST_HALF_AT_END = re.compile(FIRST_HALF_AT_END_PATTERN)
_SECOND_HALF_AT_START = re.compile(SECOND_HALF_AT_START_PATTERN)
# A whole value of 10 digits that is an old-form code born on day 1-9 whose leading zero a
# spreadsheet dropped (the number 01020345678 shows as 1020345678).
LOST_LEADING_ZERO_PATTERN = r"[1-9][01][0-9]{8}"
_LOST_LEADING_ZERO = re.compile(LOST_LEADING_ZERO_PATTERN)
PSEUDONYMOUS_KEY = re.compile(r"[0-9a-f]{64}")
# A hexadecimal identifier (a key, a SHA-256, a load id: 16 or more hex characters, a letter
# among them) is read as one token, not as the digits in it.
_HEX_TOKEN = re.compile(r"(?<![0-9A-Za-z])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{16,}(?![0-9A-Za-z])")
# Letters that show as nothing (Hangul fillers): dropped like the invisible format characters.
BLANK_LETTERS = "\u115f\u1160\u3164\uffa0"
# Right-to-left overrides and embeddings: "\u202e87654-302010" shows as 010203-45678.
_REVERSING = re.compile("[\u202b\u202e\u2067]")
# Characters the scan form changes (RE2 syntax): a value holding one is judged by the reference
# engine, which scans the scan form. Format characters (zero-width space, soft hyphen, BOM,
# bidi controls), the blank letters, and beyond ASCII anything but a letter, a mark,
# punctuation, a symbol, a space or a control: digits of other scripts, full-width,
# superscript and circled digits.
NEEDS_SCAN_FORM_RE2 = (
    r"[\p{Cf}\x{115f}\x{1160}\x{3164}\x{ffa0}]"
    r"|[^\x{0}-\x{7f}\p{L}\p{M}\p{P}\p{S}\p{Z}\p{Cc}]"
)

PERSONAL_CODE_EXPLANATION = (
    "{what} contains something shaped like a Latvian personal code (DDMMYY-NNNNN or "
    "32NNNN-NNNNN, with a hyphen, a space, a dash or nothing between the halves). Personal codes "
    "must never be sent: use the pseudonymous participant key. The values are not shown."
)
# The same in Latvian; {where} says where, in the locative ("Kolonnā 'x'", "Galvenē").
PERSONAL_CODE_EXPLANATION_LV = (
    "{where} ir vērtības, kas pēc formas atbilst Latvijas personas kodam (DDMMGG-NNNNN vai "
    "32NNNN-NNNNN, starp daļām defise, atstarpe, domuzīme vai nekas). Personas kodus sūtīt "
    "nedrīkst: izmantojiet pseidonimizēto dalībnieka atslēgu. Vērtības netiek rādītas."
)
REDACTED = "«redacted: shaped like a personal code»"
REDACTED_IN_NAME = "REDACTED"


@lru_cache(maxsize=4096)
def _scan_char(character: str) -> str:
    category = unicodedata.category(character)
    if category == "Cf" or character in BLANK_LETTERS:
        return ""
    if category[0] == "N" and (digit := unicodedata.digit(character, None)) is not None:
        return str(digit)
    return character


def scan_form(text: str) -> tuple[str, list[int]]:
    """The text as the detector reads it, and for each of its characters the index of the
    character of `text` it comes from: every digit of any script (full-width, superscript,
    circled, Arabic-Indic ...) as 0-9, invisible format characters and blank letters dropped."""
    if text.isascii():
        return text, list(range(len(text)))
    out, origin = [], []
    for index, character in enumerate(text):
        for folded in _scan_char(character):
            out.append(folded)
            origin.append(index)
    return "".join(out), origin


def _masked_keys(text: str) -> str:
    """Hexadecimal identifiers blanked out (same length), so their digits are not read."""
    if len(text) < 16:
        return text
    return _HEX_TOKEN.sub(lambda m: "x" * len(m.group()), text)


def _readings(text: str) -> list[tuple[str, list[int]]]:
    """The scan form, and when a right-to-left override may show it reversed, that too."""
    scanned, origin = scan_form(text)
    readings = [(_masked_keys(scanned), origin)]
    if _REVERSING.search(text):
        readings.append((_masked_keys(scanned[::-1]), origin[::-1]))
    return readings


def personal_code_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds something shaped like a personal code: (start, end) in `text`."""
    if not text:
        return []
    spans = set()
    for reading, origin in _readings(text):
        for match in PERSONAL_CODE_RE.finditer(reading):
            ends = (origin[match.start()], origin[match.end() - 1])
            spans.add((min(ends), max(ends) + 1))
    return _merged(sorted(spans))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def contains_personal_code(text: object) -> bool:
    """Is anything in `text` shaped like a personal code, in any spelling?"""
    return bool(text) and bool(personal_code_spans(str(text)))


def lost_leading_zero(value: object) -> bool:
    """Is the whole value a personal code whose leading zero a spreadsheet dropped?"""
    return bool(value) and bool(_LOST_LEADING_ZERO.fullmatch(scan_form(str(value).strip())[0]))


def holds_personal_code(value: object) -> bool:
    """What the gate asks of every cell: a code in any spelling (a whole pseudonymous key
    excepted), or a whole value that is one without its leading zero."""
    if not value:
        return False
    text = str(value)
    if PSEUDONYMOUS_KEY.fullmatch(text.strip()):
        return False
    return contains_personal_code(text) or lost_leading_zero(text)


def split_between(left: object, right: object) -> bool:
    """Do two neighbouring cells hold the halves of one personal code (`010190` | `12345`)?"""
    if not left or not right:
        return False
    left_text, right_text = scan_form(str(left))[0], scan_form(str(right))[0]
    if PSEUDONYMOUS_KEY.fullmatch(left_text.strip()) or PSEUDONYMOUS_KEY.fullmatch(
        right_text.strip()
    ):
        return False
    return bool(_FIRST_HALF_AT_END.search(left_text) and _SECOND_HALF_AT_START.search(right_text))


def redact(text: object, marker: str = REDACTED) -> str:
    """The one redaction: `text` with everything shaped like a personal code replaced by
    `marker`. Every value from an extract passes it before it reaches a message, report, log,
    file name, audit column, notification or published table."""
    text = "" if text is None else str(text)
    spans = personal_code_spans(text)
    for start, end in reversed(spans):
        text = text[:start] + marker + text[end:]
    return text


def redact_name(file_name: str) -> str:
    """A file name with anything shaped like a personal code replaced (safe on every filesystem)."""
    return redact(file_name, REDACTED_IN_NAME)
