import re

import pytest

from roma_monitor.contracts.base import RAW_PATTERNS
from roma_monitor.privacy.pseudonym import normalise_personal_code, participant_key

SECRET = bytes(range(32))  # 00 01 02 … 1f
OTHER_SECRET = bytes(32) + b"x"  # 32 zero bytes, then 0x78
FAKE_CODE = "010190-10000"  # not a real person's code
KEY_PATTERN = RAW_PATTERNS["key"]

# Known-answer vectors, computed once with OpenSSL 3.0 (not with Python's hmac), e.g.
#   printf '%s' 01019010000 | openssl dgst -sha256 -mac HMAC \
#       -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
# and, for OTHER_SECRET, -macopt hexkey:<64 zeros>78.
VECTORS = [
    (SECRET, "010190-10000", "c1544b9fc3050e6384913b2e8fb4a874896eb633ff794c8afa3710b581cfb4f4"),
    (SECRET, "01019010000", "c1544b9fc3050e6384913b2e8fb4a874896eb633ff794c8afa3710b581cfb4f4"),
    (SECRET, " 010190-10000 ", "c1544b9fc3050e6384913b2e8fb4a874896eb633ff794c8afa3710b581cfb4f4"),
    (SECRET, "150384-12345", "abe4e5a31796292ca30215325992a18a3998d4a0d0ea8cdd33b05a103e0e4409"),
    (OTHER_SECRET, FAKE_CODE, "8d94840167ba46085aef1e4f7a66175b10367575ad0f486f007ab4b80d5a046a"),
]
# `printf '%s' 01019010000 | sha256sum`: the unkeyed hash, reversed by trying every code
UNKEYED = "e2f4e63b721d6f28016350bd0cf0484af32a8705d00d5fe84b3b5154d256fcf0"


@pytest.mark.parametrize(("secret", "code", "key"), VECTORS)
def test_the_key_is_hmac_sha256_of_the_eleven_digits(secret, code, key):
    assert participant_key(code, secret) == key


def test_the_key_has_the_contract_format_and_is_not_an_unkeyed_hash():
    key = participant_key(FAKE_CODE, SECRET)
    assert re.match(KEY_PATTERN, key)
    assert key != UNKEYED


@pytest.mark.parametrize("bad", ["0101901000", "01-01-90-10000", "abc", ""])
def test_only_personal_codes_are_hashed(bad):
    with pytest.raises(ValueError):
        normalise_personal_code(bad)


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError, match="32 random bytes"):
        participant_key(FAKE_CODE, b"too short")
