"""UI strings, Latvian (default) and English, and ``t(key, lang, **values)``.

The strings are a catalogue of data files, one per page: ``roma_monitor.serve.texts`` loads them
into ``STRINGS`` (``{"lv": {key: text}, "en": {key: text}}``).

Every key exists in both languages (a unit test checks it), except the Latvian-only plural
form ``.zero`` (see ``tn``). Values may hold ``str.format``
placeholders (``{month}``); ``t`` fills them. Numbers and dates are formatted by
``roma_monitor.serve.formatting`` before they are passed in.

``BOUNDARIES_ATTRIBUTION`` is the licence attribution required by the boundary data
(src/roma_monitor/serve/boundaries/GEO_SOURCES.md), quoted verbatim; Latvian pages show it with
its words translated and every credited name unchanged (``boundaries_attribution``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from roma_monitor.contracts.rules import rule_explanations
from roma_monitor.privacy.disclosure import rounding_interval
from roma_monitor.serve.formatting import (
    DEFAULT_LANG,
    MISSING,
    ROUNDED_MARK,
    WITHHELD_MARK,
    format_as_of,
    format_number,
    is_missing,
    normalise_lang,
    plural_form,
    text,
    to_date,
)
from roma_monitor.serve.texts import STRINGS

BOUNDARIES_ATTRIBUTION = (
    "Boundaries: Who's On First (whosonfirst.org); foursquare Quattroshapes (CC BY); "
    "EuroGlobalMap © EuroGeographics, Latvia © Latvijas Republikas Valsts zemes dienests."
)

BOUNDARIES_ATTRIBUTION_LV = (
    "Robežas: Who's On First (whosonfirst.org); foursquare Quattroshapes (CC BY); "
    "EuroGlobalMap © EuroGeographics, Latvija © Latvijas Republikas Valsts zemes dienests."
)

LANGUAGE_NAMES = {"lv": "Latviešu", "en": "English"}


def t(key: str, lang: str | None = DEFAULT_LANG, **values: object) -> str:
    """The UI string ``key`` in ``lang`` (unknown languages fall back to Latvian), with
    ``values`` filled in. An unknown key raises KeyError: a missing label is a bug."""
    text = STRINGS[normalise_lang(lang)][key]
    return text.format(**values) if values else text


def tn(key: str, count: int, lang: str | None = DEFAULT_LANG, **values: object) -> str:
    """A count and its words in the form CLDR gives ``count``: ``{key}.=N`` when that exact
    count has its own wording ("viens datu fails"), else ``{key}.zero``, ``.one`` or ``.other``
    (a form a language lacks falls back to ``.other``), with ``{count}`` filled in as a
    formatted number: ``tn("plural.indicators", 21)`` -> ``21 rādītājs``, ``0 rādītāju``,
    ``2 rādītāji``; ``1 indicator`` in English."""
    lang = normalise_lang(lang)
    form = f"{key}.={count}"
    if form not in STRINGS[lang]:
        form = f"{key}.{plural_form(count, lang)}"
    if form not in STRINGS[lang]:
        form = f"{key}.other"
    return t(form, lang, count=format_number(count, lang), **values)


class Rounding(NamedTuple):
    """How a snapshot's Roma counts are rounded (its publication metadata, ``Rounding.published``):
    to the nearest multiple of ``base``, so a published count is off by at most ``max_error``."""

    base: int
    max_error: int

    @classmethod
    def published(cls, metadata: Mapping[str, str]) -> Rounding:
        """The snapshot's rounding; dbt's default base (5) when nothing is published, for the
        files a page still offers then, with the error the publisher would state for it."""
        base = int(metadata.get("rounding_base", 5))
        if "rounding_max_error" not in metadata:
            return rounding_of(base)
        return cls(base, int(metadata["rounding_max_error"]))


def rounding_of(rounding: Rounding | int) -> Rounding:
    """The pages pass the snapshot's base alone (``app_data.rounding_base``): its error is the
    largest count published as 0, as the publisher states it."""
    if isinstance(rounding, Rounding):
        return rounding
    return Rounding(rounding, rounding_interval(0, rounding)[1])


def boundaries_attribution(lang: str | None) -> str:
    """The boundary data's attribution, to show with every map and in every footer."""
    return BOUNDARIES_ATTRIBUTION_LV if normalise_lang(lang) == "lv" else BOUNDARIES_ATTRIBUTION


def withheld_legend(lang: str | None) -> str:
    """``× nav publicēts, lai …`` / ``× withheld so that …`` (the complement rule and the audit;
    never "fewer than 5": a withheld cell may hide any number)."""
    return t("legend.withheld", lang, mark=WITHHELD_MARK)


def rounded_legend(lang: str | None, rounding: Rounding | int) -> str:
    """``≈ romu skaits noapaļots līdz tuvākajam skaitlim, kas dalās ar 5 (≈0 nozīmē 0–2); …`` /
    ``≈ Roma counts are …``"""
    base, half = rounding_of(rounding)
    return t("legend.rounded", lang, mark=ROUNDED_MARK, base=base, half=half)


def roma_legends(
    lang: str | None,
    *,
    withheld: bool = False,
    rounded: bool = False,
    as_of: Iterable[Any] = (),
    base: Rounding | int | None = None,
) -> list[str]:
    """The legends of the marks a surface shows, and only those: ``withheld`` when a ``×`` is
    shown, ``rounded`` when a ``≈`` is (``base``: the snapshot's rounding), ``as_of`` the
    quarter-end months of Roma figures that describe an earlier month than the one shown
    (``Romu skaitus publicē ceturkšņa beigās; norādīts romu skaits 30.09.2022``, oldest first)."""
    legends = []
    if withheld:
        legends.append(withheld_legend(lang))
    if rounded:
        legends.append(rounded_legend(lang, base))
    days = sorted({d for d in (to_date(v) for v in as_of) if d is not None})
    if days:
        dates = ", ".join(format_as_of(d, lang) for d in days)
        legends.append(t("legend.as_of", lang, date=dates))
    return legends


def rejection_reason(
    rules: Iterable[str], message: Any, lang: str | None = DEFAULT_LANG, dataset: Any = None
) -> str:
    """Why an extract was rejected, in the reader's language: what each failed rule of the
    dataset's contract asks; the rule ids when a rule has no words there (a file that matched
    no contract); the gate's own message (English, for the engineers) when it names no rule."""
    rules = [str(rule) for rule in rules]
    asks = rule_explanations(None if is_missing(dataset) else str(dataset), normalise_lang(lang))
    if rules and all(rule in asks for rule in rules):
        return " ".join(asks[rule] for rule in rules)
    if rules:
        return t("loads.failed_rules", lang, rules=", ".join(rules))
    return MISSING if is_missing(message) else str(message)


def localized(row: Any, lang: str | None, field: str = "name", code: str = "indicator_code") -> str:
    """The row's ``<field>_<lang>`` (an indicator's or an area's name in the chosen language),
    else its code (``code``: the column with it)."""
    return text(row.get(f"{field}_{normalise_lang(lang)}")) or str(row[code])


def sam_label(sam: Any, lang: str | None = DEFAULT_LANG) -> str:
    """A measure as a table shows it: its SAM code (``9.1.4.4``), or the Roma platform's name
    for the platform's own indicators (catalogue code ``platform``)."""
    return words("sam", sam, lang) or MISSING


def words(prefix: str, code: Any, lang: str | None = DEFAULT_LANG) -> str | None:
    """A code in the reader's words, the UI string ``<prefix>.<code>`` (``persons`` →
    ``personas``); a code without one as it is; None when there is no code."""
    if text(code) is None:
        return None
    key = f"{prefix}.{code}"
    return t(key, lang) if key in STRINGS["lv"] else str(code)
