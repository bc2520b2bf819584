"""Fake Latvian personal codes for tests, in every spelling, and the register of every code a
test injected (the sweep at the end of the session looks for each of them everywhere).

No code drawn here can be a person's. An old-form code (DDMMYY-CNNNN) always ends in a wrong
check digit (the check digit, weights 1 6 3 7 9 10 5 8 4 2, is (1101 - sum) mod 11). The new form
(32NNNN-NNNNN, issued since 2017) has no check digit, so new-form codes come from a short fixed list
whose second half is all zeros or a run no register issues in order (never drawn at random).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from hypothesis import strategies as st

# Every code (its 11 digits) that a test put into a file, a file name or a message.
INJECTED: set[str] = set()
WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# How people and office programs write the halves apart (Word's en dash, Excel's no-break space).
SEPARATORS = (
    "-",
    " ",
    "\u2013",  # en dash
    "\u2014",  # em dash
    "\u2011",  # non-breaking hyphen
    "\u2212",  # minus sign
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\t",
    ".",
    "/",
    "_",
)
INVISIBLE = ("\u200b", "\u00ad", "\u2060", "\ufeff")  # zero-width space, soft hyphen, ...
FULL_WIDTH = {ord(d): 0xFF10 + int(d) for d in "0123456789"}
ARABIC_INDIC = {ord(d): 0x0660 + int(d) for d in "0123456789"}


NEW_FORM = ("32876543210", "32999900000", "32000000000", "32123456789")


def check_digit(first_ten: str) -> int:
    return (1101 - sum(int(d) * w for d, w in zip(first_ten, WEIGHTS, strict=True))) % 11


def fake(first_ten: str) -> str:
    """The 11 digits with a last digit that is not the check digit, registered as injected."""
    wrong = (check_digit(first_ten) + 1) % 10
    digits = first_ten + str(wrong)
    INJECTED.add(digits)
    return digits


INJECTED.update(NEW_FORM)


@st.composite
def code_digits(draw) -> str:
    """The 11 digits of a fake code: the old form DDMMYY-CNNNN or the new form 32NNNN-NNNNN."""
    if draw(st.booleans()):
        day = draw(st.integers(1, 31))
        month = draw(st.integers(1, 12))
        year = draw(st.integers(0, 99))
        century = draw(st.integers(0, 2))
        rest = draw(st.integers(0, 999))
        return fake(f"{day:02d}{month:02d}{year:02d}{century}{rest:03d}")
    return draw(st.sampled_from(NEW_FORM))


@st.composite
def spelled_codes(draw) -> str:
    """A fake code as a person or a program may write it."""
    digits = draw(code_digits())
    separator = draw(st.sampled_from(["", *SEPARATORS]))
    if separator and draw(st.booleans()):
        separator = draw(st.sampled_from([" - ", "  ", " \u2013 ", "- "]))
    code = digits[:6] + separator + digits[6:]
    twist = draw(st.sampled_from(["none", "none", "none", "invisible", "full-width", "arabic"]))
    if twist == "invisible":
        at = draw(st.integers(1, len(code) - 1))
        code = code[:at] + draw(st.sampled_from(INVISIBLE)) + code[at:]
    elif twist == "full-width":
        code = code.translate(FULL_WIDTH)
    elif twist == "arabic":
        code = code.translate(ARABIC_INDIC)
    return code


# Words a clerk writes around a code in a free-text field (Latvian letters included).
CONTEXT = st.sampled_from(["", "pk ", "Personas kods: ", "Jānis Bērziņš, ", "(", "Rīga "])
AFTER = st.sampled_from(["", ".", ")", " sazinājās", ", tālr. nav", "; "])


@st.composite
def text_with_code(draw) -> str:
    return draw(CONTEXT) + draw(spelled_codes()) + draw(AFTER)


@cache
def _folding_table() -> dict[int, int | None]:
    """Every decimal digit of every script as 0-9, every invisible format character dropped
    (planes 0 and 1 hold all the digits; plane 14 the tag characters)."""
    table: dict[int, int | None] = {}
    for code_point in [*range(0x80, 0x20000), *range(0xE0000, 0xE0080)]:
        character = chr(code_point)
        category = unicodedata.category(character)
        if category == "Nd":
            table[code_point] = ord(str(unicodedata.digit(character)))
        elif category == "Cf":
            table[code_point] = None
    return table


def folded(text: str) -> str:
    """Text as a reader sees its digits: compatibility forms folded (NFKC), digits of every
    script as 0-9, invisible format characters dropped. Independent of the code under test."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_folding_table())


def holds_code(text: str, digits: str) -> bool:
    """Does `text` spell the 11 `digits` in any way: up to three other characters between any
    two of them (a broader net than the detector's, on purpose)?"""
    pattern = r"(?<!\d)" + r"[^\d]{0,3}".join(digits) + r"(?!\d)"
    return re.search(pattern, folded(text)) is not None
