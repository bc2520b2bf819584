"""The personal-code detector and the one redaction: known-answer vectors, then generated codes in
every spelling (Hypothesis), and what must not be taken for a code (the cost of the protection)."""

from __future__ import annotations

import re
import unicodedata

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roma_monitor.privacy.personal_codes import (
    PERSONAL_CODE_PATTERN,
    REDACTED,
    contains_personal_code,
    redact,
    redact_name,
    split_between,
)
from roma_monitor.validate.sql_gate import re2
from tests.privacy.fake_personal_codes import (
    code_digits,
    spelled_codes,
    text_with_code,
)

CODE_VECTORS = [
    "010203-45678",  # the usual spelling
    "01020345678",  # no separator
    "010203 45678",  # a space
    "010203\u201345678",  # an en dash (Word's autocorrect)
    "010203\u00a045678",  # a no-break space (Excel, web forms)
    "010203\u201145678",  # a non-breaking hyphen
    "010203 - 45678",  # spaced dash
    "010203.45678",
    "010203/45678",
    "SIF_010203_45678.csv",  # in a file name
    "328765-43210",  # the form issued since 2017: third digit above 1
    "32876543210",
    "329999 01234",
    "0102\u200b03-45678",  # a zero-width space inside
    "01020\u00ad3-45678",  # a soft hyphen inside
    "\uff10\uff11\uff10\uff12\uff10\uff13\uff0d\uff14\uff15\uff16\uff17\uff18",  # full-width
    "010203\n45678",  # a line break inside a cell
    "pk 010203-45678.",
    "Jānis (010203 45678)",
]
NOT_CODES = [
    "",
    "010203456789",  # 12 digits
    "0102034567",  # 10 digits
    "0001000",  # an ATVK code
    "06.09.2021",  # a date
    "2021-09-01 12345",  # a date and a number
    "16.05.2017 10:35",
    "20,50",
    "1 031",
    "452010203-45678",  # digits before: part of a longer number
    "010203-456789",  # digits after
    "ab01020345678" + "c" * 51,  # a pseudonymous key (64 hex characters)
    "3f7a" + "0" * 60,
    "LV-1050",
    "SIF_9144_202109.csv",
    "NVA_741_DAL_2019Q2.csv",
    "nav norādīta",
]


@pytest.mark.parametrize("text", CODE_VECTORS)
def test_every_known_spelling_is_found_and_redacted(text):
    assert contains_personal_code(text)
    redacted = redact(text)
    assert REDACTED in redacted and not contains_personal_code(redacted)
    digits = "".join(c for c in unicodedata.normalize("NFKC", redacted) if c.isdigit())
    assert "45678" not in digits and "43210" not in digits and "01234" not in digits


@pytest.mark.parametrize("text", NOT_CODES)
def test_what_is_not_a_personal_code_stays_as_it_is(text):
    assert not contains_personal_code(text)
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("e257db5e0ac24185849198f5fcadbef1", False),  # a load id (uuid4 hex)
        ("SHA-256: `e257db5e0ac24185849198f5fcadbef1e257db5e0ac24185849198f5fcadbef1`", False),
        ("ab01020345678" + "c" * 50, False),  # 63 hex characters: an identifier all the same
        ("abc01020345678", True),  # too short to be an identifier: a code after 3 letters
        ("ID 01020345678", True),
    ],
)
def test_a_hexadecimal_identifier_is_read_as_one_token(text, found):
    assert contains_personal_code(text) is found


def test_the_context_around_a_code_stays_readable():
    assert redact("Rīga 010203 45678, sazinājās") == f"Rīga {REDACTED}, sazinājās"
    assert redact_name("SIF_9144_202109 010203 45678.csv") == "SIF_9144_202109 REDACTED.csv"


@pytest.mark.parametrize(
    ("left", "right", "split"),
    [
        ("010203", "45678", True),
        ("010203-", "45678 Alūksne", True),
        ("Rīga 328765", " 43210", True),
        ("0001000", "45678", False),  # an ATVK code beside a number
        ("2021-09", "45678", False),
        ("010203", "456789", False),
        ("ab010203" + "c" * 56, "45678", False),  # a key is not half of a code
    ],
)
def test_a_code_split_between_two_cells(left, right, split):
    assert split_between(left, right) is split


@settings(max_examples=2000, deadline=None)
@given(text_with_code())
def test_a_generated_code_in_any_spelling_is_found_and_fully_redacted(text):
    assert contains_personal_code(text)
    redacted = redact(text)
    assert not contains_personal_code(redacted)
    # Whatever was redacted, no run of 5 digits of the code's second half is left.
    folded = "".join(
        str(unicodedata.digit(c)) if unicodedata.category(c) == "Nd" else c for c in redacted
    )
    assert not re.search(r"\d{5}", folded.replace(REDACTED, ""))


@settings(max_examples=300, deadline=None)
@given(code_digits(), st.sampled_from(["-", " ", "", "\u2013", "\u00a0", "/"]))
def test_duckdb_finds_the_same_codes_as_python_on_raw_text(digits, separator):
    """The gate's fast engine runs the same pattern as RE2 on values without odd characters."""
    text = f"x {digits[:6]}{separator}{digits[6:]} y"
    with duckdb.connect() as con:
        found = con.execute(
            "SELECT regexp_matches(?, ?)", [text, re2(PERSONAL_CODE_PATTERN)]
        ).fetchone()[0]
    assert found is contains_personal_code(text) is True


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
            st.dates().map(lambda d: d.strftime("%Y-%m")),
            st.integers(0, 99_999).map(str),
            st.decimals(0, 99_999, places=2).map(lambda d: str(d).replace(".", ",")),
            st.text(alphabet="abcdefghijklmnoprstuvzāčēģīķļņšūž ", max_size=30),
        ),
        max_size=8,
    )
)
def test_values_of_the_contracts_formats_are_never_taken_for_a_code(values):
    """The cost side: dates, months, counts and amounts, alone or side by side in one text, are
    not shaped like a personal code (the sample and the benchmark data pass the gate too)."""
    assert not contains_personal_code(" ".join(values))
    assert not contains_personal_code(";".join(values))


@given(spelled_codes())
@settings(max_examples=200, deadline=None)
def test_a_spelled_code_is_found_alone_and_in_a_file_name(code):
    assert contains_personal_code(code)
    assert not contains_personal_code(redact_name(f"SIF_9144_202109_{code}.csv"))
