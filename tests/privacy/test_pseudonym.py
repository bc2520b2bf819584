import hashlib
import hmac
import re

import pytest

from roma_monitor.contracts.base import RAW_PATTERNS
from roma_monitor.privacy.pseudonym import normalise_personal_code, participant_key

SECRET = bytes(range(32))
FAKE_CODE = "010190-10000"  # not a real person's code
KEY_PATTERN = RAW_PATTERNS["key"]


def test_the_key_is_hmac_sha256_of_the_eleven_digits():
    expected = hmac.new(SECRET, b"01019010000", hashlib.sha256).hexdigest()
    assert participant_key(FAKE_CODE, SECRET) == expected
    assert participant_key("01019010000", SECRET) == expected  # with or without the hyphen


def test_the_key_has_the_contract_format_and_is_not_an_unkeyed_hash():
    key = participant_key(FAKE_CODE, SECRET)
    assert re.match(KEY_PATTERN, key)
    # an unkeyed hash of an 11-digit code is reversed by trying every code
    assert key != hashlib.sha256(b"01019010000").hexdigest()


def test_another_secret_gives_another_key():
    assert participant_key(FAKE_CODE, SECRET) != participant_key(FAKE_CODE, bytes(32) + b"x")


@pytest.mark.parametrize("bad", ["0101901000", "01-01-90-10000", "abc", ""])
def test_only_personal_codes_are_hashed(bad):
    with pytest.raises(ValueError):
        normalise_personal_code(bad)


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError, match="32 random bytes"):
        participant_key(FAKE_CODE, b"too short")
