"""The keyed hash agencies apply to personal codes before an extract leaves them (docs/privacy.md).

The pipeline never sees a personal code or the secret: it only checks that a key is 64 lowercase
hex characters (and rejects anything shaped like a personal code). This module is the reference
implementation the agencies' export scripts follow, with its test vectors in tests/privacy.
"""

from __future__ import annotations

import hashlib
import hmac
import re

PERSONAL_CODE = re.compile(r"^(\d{6})-?(\d{5})$")
MIN_SECRET_BYTES = 32


def normalise_personal_code(code: str) -> str:
    """'DDMMYY-NNNNN' or 'DDMMYYNNNNN' (spaces around ignored) -> the 11 digits."""
    match = PERSONAL_CODE.match(code.strip())
    if not match:
        raise ValueError("not a Latvian personal code (DDMMYY-NNNNN or 11 digits)")
    return match.group(1) + match.group(2)


def participant_key(personal_code: str, secret: bytes) -> str:
    """HMAC-SHA-256 of the normalised personal code under the agency's secret, as 64 lowercase
    hex characters."""
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the secret must be at least {MIN_SECRET_BYTES} random bytes")
    digits = normalise_personal_code(personal_code)
    return hmac.new(secret, digits.encode("ascii"), hashlib.sha256).hexdigest()
