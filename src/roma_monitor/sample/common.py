"""What every sample generator shares: pseudonymous keys, calendars and quarters, municipality
codes and names, the drawing of people's attributes, and the file writer (`;`-separated, CRLF,
the agency's encoding).

The drawing helpers make exactly the random calls the generators made inline, in the same order,
so that a seed keeps producing the same files.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import random
from collections.abc import Callable
from datetime import date, timedelta
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


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def quarter_of(month: date) -> str:
    """The quarter as extract file names write it: `YYYYQn`."""
    return f"{month.year}Q{(month.month - 1) // 3 + 1}"


def quarter_label(quarter: str) -> str:
    """A quarter as the period columns write it: `YYYYQn` -> `YYYY-Qn`."""
    return f"{quarter[:4]}-{quarter[4:]}"


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_end(day: date) -> date:
    return add_months(quarter_start(day), 3) - timedelta(days=1)


def rows_by_quarter(months: list[date]) -> dict[str, list[list[str]]]:
    """An empty list of rows for every quarter the months touch, in calendar order."""
    return {quarter_of(month): [] for month in months}


def format_month(month: date) -> str:
    return month.strftime("%Y-%m")


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
def codes_2009() -> tuple[str, ...]:
    """Every 2009 ATVK code, sorted."""
    return tuple(sorted(atvk_crosswalk()))


def region_of_2021() -> dict[str, str]:
    """Planning region of each 2021 ATVK code."""
    return {r["atvk_2021"]: r["planning_region_code"] for r in reference_rows("atvk_2021")}


@cache
def old_codes_by_new() -> dict[str, list[str]]:
    by_new: dict[str, list[str]] = {}
    for old, new in sorted(atvk_crosswalk().items()):
        by_new.setdefault(new, []).append(old)
    return by_new


def code_in_force(code_2009: str, day: date) -> str:
    """The ATVK code a record dated `day` carries for a place given by its 2009 code."""
    return code_2009 if day < REFORM_DATE else atvk_crosswalk()[code_2009]


def draw_2021_code(rng: random.Random, weights: dict[str, int]) -> str:
    """A 2021 municipality, drawn with the given relative weights (1 for a code not listed)."""
    new_codes = sorted(old_codes_by_new())
    return rng.choices(new_codes, [weights.get(code, 1) for code in new_codes])[0]


def draw_2009_code_within(rng: random.Random, code_2021: str) -> str:
    """One of the 2009 units a 2021 municipality was formed from."""
    return rng.choice(old_codes_by_new()[code_2021])


def draw_move(rng: random.Random, probability: float) -> str | None:
    """The 2009 code of the unit a person moves to (with `probability`), or None."""
    return rng.choice(codes_2009()) if rng.random() < probability else None


def code_of_month(home_2009: str, moves_to_2009: str | None, moved: bool, month: date) -> str:
    """The ATVK code in force in `month` for a person living in `home_2009`, or, once `moved`,
    in `moves_to_2009` (if the person moves at all)."""
    return code_in_force(moves_to_2009 if (moves_to_2009 and moved) else home_2009, month)


def roma_share(shares: dict[str, float], code_2021: str, regions: dict[str, str]) -> float:
    """The share of Roma for a 2021 municipality: its own, else its region's, else 'other'."""
    return shares.get(code_2021) or shares.get(regions[code_2021], 0) or shares["other"]


def draw_non_roma_ethnicity(rng: random.Random, other: int, not_stated: int) -> str:
    return rng.choices(["cita", "nav norādīta"], [other, not_stated])[0]


def draw_ethnicity(rng: random.Random, share: float, other: int, not_stated: int) -> str:
    """'romu' with probability `share`, else 'cita' or 'nav norādīta' by their weights."""
    if rng.random() < share:
        return "romu"
    return draw_non_roma_ethnicity(rng, other, not_stated)


def draw_sex(rng: random.Random, male: int, female: int) -> str:
    return rng.choices(["V", "S"], [male, female])[0]


def export_encoding(legacy: bool) -> str:
    """Windows-1257 for files from an agency's older export, else UTF-8 with BOM."""
    return "cp1257" if legacy else "utf-8-sig"


def write_extract(
    path: Path, contract: Contract, rows: list[list[str]], encoding: str = "utf-8-sig"
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [contract.delimiter.join(contract.column_names)]
    lines += [contract.delimiter.join(row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_quarterly_with_followups(
    out_dir: Path,
    file_prefix: str,
    contracts: tuple[Contract, Contract],
    month_rows: dict[str, list[list[str]]],
    followups: dict[str, list[list[str]]],
    encoding_of: Callable[[str], str],
) -> list[Path]:
    """Write `<prefix>_DAL_<quarter>.csv` (participant months) for every quarter and
    `<prefix>_REZ_<quarter>.csv` (follow-ups) for the quarters that have any, in sending order."""
    months_contract, followups_contract = contracts
    paths: list[Path] = []
    for quarter, rows in month_rows.items():
        encoding = encoding_of(quarter)
        paths.append(
            write_extract(
                Path(out_dir) / f"{file_prefix}_DAL_{quarter}.csv", months_contract, rows, encoding
            )
        )
        if followups.get(quarter):
            paths.append(
                write_extract(
                    Path(out_dir) / f"{file_prefix}_REZ_{quarter}.csv",
                    followups_contract,
                    followups[quarter],
                    encoding,
                )
            )
    return paths
