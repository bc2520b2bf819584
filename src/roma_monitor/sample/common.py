"""What every sample generator shares: pseudonymous keys, calendars, municipality names and the
file writer (`;`-separated, CRLF, the agency's encoding)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from functools import cache
from pathlib import Path

from roma_monitor.contracts.base import Contract, month_starts
from roma_monitor.reference import atvk_crosswalk, reference_rows

REFORM_DATE = date(2021, 7, 1)


def participant_key(source: str, person_number: int) -> str:
    """HMAC-SHA-256 as the agencies compute it; each agency has its own secret, so one person has
    different keys in different measures (the sample secret stands in for theirs)."""
    secret = f"sample-extracts-only/{source}".encode()
    return hmac.new(secret, f"person-{person_number}".encode(), hashlib.sha256).hexdigest()


def months_between(first: date, last: date) -> list[date]:
    return month_starts(first, last)


def quarter_of(month: date) -> str:
    return f"{month.year}Q{(month.month - 1) // 3 + 1}"


def format_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def format_decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


@cache
def municipality_names() -> dict[str, str]:
    names = {r["atvk_2009"]: r["name_lv"] for r in reference_rows("atvk_2009")}
    names.update({r["atvk_2021"]: r["name_lv"] for r in reference_rows("atvk_2021")})
    return names


@cache
def old_codes_by_new() -> dict[str, list[str]]:
    by_new: dict[str, list[str]] = {}
    for old, new in sorted(atvk_crosswalk().items()):
        by_new.setdefault(new, []).append(old)
    return by_new


def code_in_force(code_2009: str, day: date) -> str:
    """The ATVK code a record dated `day` carries for a place given by its 2009 code."""
    return code_2009 if day < REFORM_DATE else atvk_crosswalk()[code_2009]


def write_extract(
    path: Path, contract: Contract, rows: list[list[str]], encoding: str = "utf-8-sig"
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [contract.delimiter.join(contract.column_names)]
    lines += [contract.delimiter.join(row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path
