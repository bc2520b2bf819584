"""Number and date formats for the dashboard and the CLI, Latvian first.

Conventions (one place, so every surface agrees):

- Languages are ``"lv"`` (the default) and ``"en"``. Latvian uses the babel locale ``lv``,
  English ``en``: ``1 234,5`` / ``1,234.5``.
- **Spaces.** CLDR/babel write Latvian digit groups with a no-break space (U+00A0) and some
  locales and CLDR versions use a narrow no-break space (U+202F) or a thin space (U+2009). Every
  formatter here normalises all of those to U+00A0 NO-BREAK SPACE (``NBSP``): it renders like an
  ordinary space in every browser and font, never breaks a number across lines, and a test can
  compare against one known character. The space between a number and ``%`` in Latvian, and
  between a comparison operator and the target, is the same ``NBSP``, so a formatted number
  never contains an ordinary space. Word spaces in dates and months (``2022. gada decembris``,
  ``16 May 2017``) stay ordinary spaces.
- Percentages: Latvian ``45,3 %`` (space before the sign, as the Latvian language centre
  recommends), English ``45.3%``.
- Dates: ``16.05.2017`` / ``16 May 2017``; months: ``2022. gada decembris`` / ``December 2022``
  (nominative month name, as a label or table cell, not inside a sentence).
- A count before a noun takes the noun's CLDR plural form (``plural_form``; the texts are
  ``plural.<noun>.zero/one/other`` used through ``roma_monitor.serve.i18n.tn``): ``1 rādītājs``,
  ``2 rādītāji``, ``0 rādītāju``, ``21 rādītājs``.
- Timestamps are shown in Riga time (``Europe/Riga``); a naive timestamp is taken to be UTC.
- A missing value is an en dash ``–``. Roma counts (disclosure control, issue 14): a cell
  withheld to protect other figures is ``WITHHELD_MARK`` (``×``); a count rounded to the
  nearest 5 is prefixed ``ROUNDED_MARK`` (``≈155``); a figure that describes an earlier quarter
  end than the month shown carries its date (``format_as_of``: ``30.09.2022``). Every surface
  writes a legend only for the marks it shows (``roma_monitor.serve.i18n.roma_legends``).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal as _babel_format_decimal

from roma_monitor.serve.texts import STRINGS

LANGS: tuple[str, ...] = ("lv", "en")
DEFAULT_LANG = "lv"
LOCALES = {"lv": "lv", "en": "en"}

NBSP = "\u00a0"
_SPACES_TO_NORMALISE = ("\u202f", "\u2009", "\u2007")

MISSING = "–"
WITHHELD_MARK = "×"  # withheld to protect other figures (complement rule, audit)
ROUNDED_MARK = "≈"  # a Roma count rounded to the publication's rounding base
NOT_FROM_REPORT_MARK = "¹"  # after a target the seed report does not state (its source in a legend)

DISPLAY_TZ = ZoneInfo("Europe/Riga")

_DATE_PATTERNS = {"lv": "dd.MM.yyyy", "en": "d MMMM yyyy"}
_MONTH_PATTERNS = {"lv": "yyyy. 'gada' LLLL", "en": "LLLL yyyy"}
_OPERATORS = {">": ">", ">=": "≥", "≥": "≥", "<": "<", "<=": "≤", "≤": "≤", "=": "=", "==": "="}


def normalise_lang(lang: str | None) -> str:
    """A supported language code; anything else (None too) falls back to Latvian."""
    lang = str(lang).strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def normalise_spaces(text: str) -> str:
    """Replace the special spaces babel may emit (narrow no-break, thin, figure) with NBSP;
    ordinary spaces are left alone."""
    for space in _SPACES_TO_NORMALISE:
        text = text.replace(space, NBSP)
    return text


def is_missing(value: Any) -> bool:
    """None, NaN, NaT and pandas.NA are all missing; strings and booleans never are."""
    if value is None:
        return True
    if isinstance(value, str | bytes | bool):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def text(value: Any) -> str | None:
    """A text as a cell shows it: None when missing or blank (the screen shows "–", a file an
    empty cell)."""
    return None if is_missing(value) or not str(value).strip() else str(value)


def format_number(value: Any, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """``1234.5`` -> ``1 234,5`` (lv, NBSP) / ``1,234.5`` (en). Rounds half away from zero."""
    if is_missing(value):
        return MISSING
    return _number_text(str(value), normalise_lang(lang), decimals)


# Pages format the same few thousand numbers and months on every rerun; babel takes ~50 µs a
# call, so the texts are remembered (bounded: a value's text never changes).
@lru_cache(maxsize=65536)
def _number_text(value: str, lang: str, decimals: int) -> str:
    number = round_half_up(value, decimals)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    text = _babel_format_decimal(number, format=pattern, locale=LOCALES[lang])
    return normalise_spaces(text)


def round_half_up(value: Any, decimals: int) -> Decimal:
    """``value`` rounded as people round (2,5 → 3), not to even."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def plural_form(count: Any, lang: str = DEFAULT_LANG) -> str:
    """The CLDR plural category of ``count`` in ``lang``, which picks the noun's form. Latvian
    has three: ``zero`` (0, 10–20, 30, 111 …: "0 rādītāju"), ``one`` (1, 21, 31 …, not 11:
    "21 rādītājs") and ``other`` ("2 rādītāji"); English ``one`` and ``other``."""
    return _locale(normalise_lang(lang)).plural_form(abs(count))


@lru_cache(maxsize=len(LANGS))
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def format_percent(share: Any, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    """A share (0..1) as a percentage: ``0.453`` -> ``45,3 %`` (lv) / ``45.3%`` (en)."""
    if is_missing(share):
        return MISSING
    lang = normalise_lang(lang)
    number = format_number(Decimal(str(share)) * 100, lang, decimals)
    return f"{number}{NBSP}%" if lang == "lv" else f"{number}%"


def format_target(target: Any, operator: str | None, lang: str = DEFAULT_LANG) -> str:
    """A target with its comparison: ``(3000, '>')`` -> ``> 3 000``; no target -> ``–``.
    ``>=``/``<=`` are shown as ``≥``/``≤``."""
    if is_missing(target):
        return MISSING
    # as many decimals as the target has (3000.00 -> 0, 39.81 -> 2), at most two
    exponent = Decimal(str(target)).normalize().as_tuple().exponent
    decimals = min(2, max(0, -int(exponent)))
    number = format_number(target, lang, decimals)
    if is_missing(operator) or not str(operator).strip():
        return number
    symbol = _OPERATORS.get(str(operator).strip(), str(operator).strip())
    return f"{symbol}{NBSP}{number}"


def is_set(value: Any) -> bool:
    """A flag that is present and true (a missing disclosure mark is not set)."""
    return not is_missing(value) and bool(value)


def month_end(value: Any) -> date | None:
    """The last day of the month of ``value`` (periods are month starts:
    2022-09-01 -> 30.09.2022)."""
    day = to_date(value)
    return None if day is None else day.replace(day=monthrange(day.year, day.month)[1])


def format_as_of(value: Any, lang: str = DEFAULT_LANG) -> str:
    """The day a quarter-end figure describes: ``2022-09-01`` -> ``30.09.2022`` (lv) /
    ``30 September 2022`` (en)."""
    return format_date(month_end(value), lang)


def differs_from_period(as_of: Any, period: Any) -> bool:
    """True when a Roma figure describes an earlier month than the one shown (its as-of date
    must then be said); a missing as-of never differs."""
    shown, described = to_date(period), to_date(as_of)
    return described is not None and shown is not None and described != shown


def to_date(value: Any) -> date | None:
    """Accept date, datetime, pandas Timestamp, ``YYYY-MM`` or ``YYYY-MM-DD``; else None."""
    if is_missing(value):
        return None
    if isinstance(value, date):  # a datetime (and a pandas Timestamp) is a date too
        return value.date() if isinstance(value, datetime) else value
    text = str(value).strip()
    try:
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def to_datetime(value: Any) -> datetime | None:
    """Accept datetime (a pandas Timestamp is one) or an ISO string; a naive value is UTC."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def format_date(value: Any, lang: str = DEFAULT_LANG, patterns: Any = _DATE_PATTERNS) -> str:
    """``16.05.2017`` (lv) / ``16 May 2017`` (en); ``patterns``: babel's pattern per language."""
    day = to_date(value)
    if day is None:
        return MISSING
    lang = normalise_lang(lang)
    return _pattern_text(day, lang, patterns[lang])


def format_month(value: Any, lang: str = DEFAULT_LANG) -> str:
    """``2022. gada decembris`` (lv) / ``December 2022`` (en)."""
    return format_date(value, lang, _MONTH_PATTERNS)


@lru_cache(maxsize=16384)
def _pattern_text(day: date, lang: str, pattern: str) -> str:
    """A day in a babel pattern (remembered, as ``_number_text``)."""
    return normalise_spaces(_babel_format_date(day, pattern, locale=LOCALES[lang]))


def format_datetime(value: Any, lang: str = DEFAULT_LANG) -> str:
    """A timestamp in Riga time: ``16.05.2017 14:03`` (lv) / ``16 May 2017 14:03`` (en)."""
    moment = to_datetime(value)
    if moment is None:
        return MISSING
    local = riga_time(moment)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def riga_time(moment: datetime) -> datetime:
    """A timestamp as naive Riga wall-clock time; a naive one is UTC, as the warehouse keeps it."""
    return to_datetime(moment).astimezone(DISPLAY_TZ).replace(tzinfo=None)


# --- one formatter per kind ------------------------------------------------------------------


class Kind(StrEnum):
    """What a table column holds; ``format_cell`` writes it, ``viewmodel`` rounds and exports it."""

    COUNT = "count"  # whole units (persons, projects): no decimals
    NUMBER = "number"  # other quantities (hours, per capita): one decimal
    SHARE = "share"  # 0..1, shown as 0,0 %
    MONEY = "money"  # euros, to the cent
    SUPPRESSED_COUNT = "suppressed_count"  # a published Roma count: × withheld, ≈ rounded
    AMOUNT = "amount"  # a count, or euros when the row's unit is EUR (``1 234 EUR``)
    PACE = "pace"  # an amount a month: one decimal below 100 (0,2 municipalities a month)
    TARGET = "target"  # a target with its comparison (``> 3 000``)
    FLAG = "flag"  # yes / no
    DATE = "date"
    MONTH = "month"  # a month as a label (``2022. gada decembris``)
    DATETIME = "datetime"  # Riga wall-clock time
    LABEL = "label"  # words for the reader (already in the page's language)
    CODE = "code"  # an identifier, kept as it is


def _with_unit(text: str, unit: Any) -> str:
    return f"{text}{NBSP}EUR" if unit == "EUR" and text != MISSING else text


def _flag_text(value: Any, lang: str) -> str:
    return STRINGS[normalise_lang(lang)]["exports.yes" if value else "exports.no"]


_CELL = {
    Kind.COUNT: lambda v, lang, unit, op: format_number(v, lang),
    Kind.SUPPRESSED_COUNT: lambda v, lang, unit, op: _with_unit(format_number(v, lang), unit),
    Kind.NUMBER: lambda v, lang, unit, op: format_number(v, lang, 1),
    Kind.MONEY: lambda v, lang, unit, op: format_number(v, lang, 2),
    Kind.SHARE: lambda v, lang, unit, op: format_percent(v, lang),
    Kind.AMOUNT: lambda v, lang, unit, op: _with_unit(format_number(v, lang), unit),
    Kind.PACE: lambda v, lang, unit, op: _with_unit(
        format_number(v, lang, 1 if abs(float(v)) < 100 else 0), unit
    ),
    Kind.TARGET: lambda v, lang, unit, op: _with_unit(format_target(v, op, lang), unit),
    Kind.FLAG: lambda v, lang, unit, op: _flag_text(v, lang),
    Kind.DATE: lambda v, lang, unit, op: format_date(v, lang),
    Kind.MONTH: lambda v, lang, unit, op: format_month(v, lang),
    Kind.DATETIME: lambda v, lang, unit, op: format_datetime(v, lang),
}


def format_cell(
    kind: Kind,
    value: Any,
    lang: str = DEFAULT_LANG,
    *,
    unit: Any = None,
    operator: Any = None,
    withheld: Any = False,
    rounded: Any = False,
    from_report: Any = None,
) -> str:
    """A table cell of ``kind`` as every surface prints it (screen, PDF): ``×`` when
    ``withheld``, ``≈`` before a ``rounded`` figure, ``–`` when missing; ``unit`` ``EUR`` adds
    the currency to an amount, a pace or a target, ``operator`` is a target's comparison;
    ``from_report`` false puts ``¹`` after a target the seed report does not state."""
    if is_set(withheld):
        return WITHHELD_MARK
    if is_missing(value):
        return MISSING
    write = _CELL.get(kind)  # each writer settles the language itself
    text = write(value, lang, unit, operator) if write else str(value)
    if text != MISSING and not is_missing(from_report) and not bool(from_report):
        text = f"{text}{NOT_FROM_REPORT_MARK}"
    return f"{ROUNDED_MARK}{text}" if is_set(rounded) and text != MISSING else text


def format_count(
    value: Any, suppressed: Any = False, lang: str = DEFAULT_LANG, rounded: Any = False
) -> str:
    """A disclosure-controlled count: ``×`` when withheld, ``≈155`` when rounded, else the
    number (a missing value stays ``–``, never ``≈–``)."""
    return format_cell(Kind.SUPPRESSED_COUNT, value, lang, withheld=suppressed, rounded=rounded)
