"""Latvian personal codes in every spelling, and the one redaction every value from an extract
passes before it is shown, logged or stored (docs/privacy.md, docs/bad-inputs.md).

A personal code has 11 digits: the old form `DDMMYY-NNNNN` (birth date, then 5 digits) and the
form issued since 01.07.2017, `32NNNN-NNNNN` (no birth date in it). People and office programs
write the two halves apart with a hyphen, a space, an en dash (Word's autocorrect), a
non-breaking space, a dot or a slash, or with nothing at all; a code can be split between two
cells, typed with full-width digits, or have an invisible character (a zero-width space, a soft
hyphen) inside it.

Detection runs on a *scan form* of the text: compatibility characters folded (NFKC: full-width
digits and spaces), every decimal digit of any script mapped to 0-9, and invisible format
characters removed. `PERSONAL_CODE_PATTERN` is the same rule on raw text, for the engines that
run it as a regular expression (GX on pandas, DuckDB's RE2): they send any value with a
character the scan form changes to the reference engine first (`NEEDS_SCAN_FORM_RE2`).

A whole pseudonymous key (64 lower-case hex characters) may contain 11 digits in a row; it is
not a personal code.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# What may stand between the two halves, up to three of them (" - "): white space of every kind,
# every dash and minus sign, and the dot, slash and underscore (file names).
_SPACES = "\t\n\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
_SPACES += "\u200a\u2028\u2029\u202f\u205f\u3000"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SEPARATORS = _SPACES + _DASHES + "./_-"
MAX_SEPARATORS = 3
# The first half: a birth date DDMMYY (day 0-3x, month 0x-1x) or the new form's 32NNNN.
FIRST_HALF = r"(?:[0-3][0-9][01][0-9][0-9][0-9]|32[0-9]{4})"
SECOND_HALF = r"[0-9]{5}"


def _character_class(characters: str) -> str:
    """A regex character class in ASCII: `\\uXXXX` for what is not printable ASCII (sql_gate.re2
    turns those into RE2's `\\x{XXXX}`), the hyphen last."""
    named = {"\t": r"\t", "\n": r"\n", "\r": r"\r", " ": " "}
    parts = [
        named.get(c) or (re.escape(c) if c.isascii() else f"\\u{ord(c):04x}")
        for c in characters
        if c != "-"
    ]
    return "[" + "".join(parts) + "-]"


SEPARATOR_CLASS = _character_class(SEPARATORS)
_SEPARATOR_RUN = f"{SEPARATOR_CLASS}{{0,{MAX_SEPARATORS}}}"
# On raw text (GX, and DuckDB after sql_gate.re2 rewrites the look-arounds).
PERSONAL_CODE_PATTERN = rf"(?<!\d){FIRST_HALF}{_SEPARATOR_RUN}{SECOND_HALF}(?!\d)"
PERSONAL_CODE_RE = re.compile(PERSONAL_CODE_PATTERN)
# A code split between two neighbouring cells: the first ends with its first half, the next
# starts with the second half (separators on either side of the cell boundary allowed).
FIRST_HALF_AT_END_PATTERN = rf"(?<!\d){FIRST_HALF}{_SEPARATOR_RUN}$"
SECOND_HALF_AT_START_PATTERN = rf"^{_SEPARATOR_RUN}{SECOND_HALF}(?!\d)"
_FIRST_HALF_AT_END = re.compile(FIRST_HALF_AT_END_PATTERN)
_SECOND_HALF_AT_START = re.compile(SECOND_HALF_AT_START_PATTERN)
PSEUDONYMOUS_KEY = re.compile(r"[0-9a-f]{64}")
_KEY_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{64}(?![0-9A-Za-z])")
# Characters the scan form may change (RE2 syntax): a value holding one is judged by the
# reference engine, which scans the scan form. Beyond ASCII, anything but a letter, a mark,
# punctuation, a symbol or a space: digits of other scripts, superscripts and circled numbers,
# format characters (zero-width space, soft hyphen, BOM), C1 controls.
NEEDS_SCAN_FORM_RE2 = r"[^\x{0}-\x{7f}\p{L}\p{M}\p{P}\p{S}\p{Z}]"

PERSONAL_CODE_EXPLANATION = (
    "{what} contains something shaped like a Latvian personal code (DDMMYY-NNNNN or "
    "32NNNN-NNNNN, with a hyphen, a space, a dash or nothing between the halves). Personal codes "
    "must never be sent: use the pseudonymous participant key. The values are not shown."
)
REDACTED = "«redacted: shaped like a personal code»"
REDACTED_IN_NAME = "REDACTED"


@lru_cache(maxsize=4096)
def _scan_char(character: str) -> str:
    category = unicodedata.category(character)
    if category == "Cf":
        return ""
    if category == "Nd":
        return str(unicodedata.digit(character))
    return unicodedata.normalize("NFKC", character) if ord(character) > 0x7F else character


def scan_form(text: str) -> tuple[str, list[int]]:
    """The text as the detector reads it, and for each of its characters the index of the
    character of `text` it comes from."""
    if text.isascii():
        return text, list(range(len(text)))
    out, origin = [], []
    for index, character in enumerate(text):
        for folded in _scan_char(character):
            out.append(folded)
            origin.append(index)
    return "".join(out), origin


def _masked_keys(text: str) -> str:
    """Whole pseudonymous keys blanked out (same length), so their digits are not read."""
    if len(text) < 64:
        return text
    return _KEY_TOKEN.sub(lambda m: "x" * 64, text)


def personal_code_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds something shaped like a personal code: (start, end) in `text`."""
    if not text:
        return []
    scanned, origin = scan_form(text)
    spans = []
    for match in PERSONAL_CODE_RE.finditer(_masked_keys(scanned)):
        spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    return spans


def contains_personal_code(text: object) -> bool:
    """Is anything in `text` shaped like a personal code, in any spelling?"""
    return bool(text) and bool(personal_code_spans(str(text)))


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


def canonical_digits(text: str) -> list[str]:
    """The 11 digits of every personal code in `text` (to compare spellings)."""
    scanned = _masked_keys(scan_form(text)[0])
    return [re.sub(r"[^0-9]", "", m.group()) for m in PERSONAL_CODE_RE.finditer(scanned)]
