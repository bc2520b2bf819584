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

from collections.abc import Iterable
from typing import Any

from roma_monitor.contracts.rules import rule_explanations
from roma_monitor.serve.formatting import (
    DEFAULT_LANG,
    MISSING,
    ROUNDED_MARK,
    WITHHELD_MARK,
    differs_from_period,
    format_as_of,
    format_date,
    format_number,
    format_percent,
    is_missing,
    normalise_lang,
    plural_form,
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


DEFAULT_ROUNDING_BASE = 5


def frame_legends(
    frame: Any,
    lang: str | None,
    *,
    base: int = DEFAULT_ROUNDING_BASE,
    value: str = "roma_value",
    withheld: str = "roma_value_suppressed",
    rounded: str = "roma_value_is_rounded",
    as_of: str = "roma_value_as_of",
    period: str = "period",
) -> list[str]:
    """``roma_legends`` for the Roma figures of a frame as shown (column names as the queries
    return them; a missing column counts as no mark)."""
    if frame is None or len(frame) == 0:
        return []

    def flags(column: str) -> list[bool]:
        if column not in frame:
            return [False] * len(frame)
        return [not is_missing(v) and bool(v) for v in frame[column]]

    held, rounds = flags(withheld), flags(rounded)
    values = frame[value] if value in frame else [None] * len(frame)
    shown = [h or not is_missing(v) for h, v in zip(held, values, strict=True)]
    dates = []
    if as_of in frame and period in frame:
        for show, described, month in zip(shown, frame[as_of], frame[period], strict=True):
            if show and differs_from_period(described, month):
                dates.append(described)
    return roma_legends(
        lang,
        withheld=any(held),
        rounded=any(r and s and not h for r, s, h in zip(rounds, shown, held, strict=True)),
        as_of=dates,
        base=base,
    )


def boundaries_attribution(lang: str | None) -> str:
    """The boundary data's attribution, to show with every map and in every footer."""
    return BOUNDARIES_ATTRIBUTION_LV if normalise_lang(lang) == "lv" else BOUNDARIES_ATTRIBUTION


def withheld_legend(lang: str | None) -> str:
    """``× nav publicēts, lai …`` / ``× withheld so that …`` (the complement rule and the audit;
    never "fewer than 5": a withheld cell may hide any number)."""
    return t("legend.withheld", lang, mark=WITHHELD_MARK)


def rounded_legend(lang: str | None, base: int = DEFAULT_ROUNDING_BASE) -> str:
    """``≈ romu skaits noapaļots līdz tuvākajam skaitlim, kas dalās ar 5 (≈0 nozīmē 0–2); …`` /
    ``≈ Roma counts are …``"""
    return t("legend.rounded", lang, mark=ROUNDED_MARK, base=base, half=(base - 1) // 2)


def as_of_legend(lang: str | None, as_of: Any | Iterable[Any]) -> str:
    """``Romu skaitus publicē ceturkšņa beigās; norādīts romu skaits 30.09.2022`` for the
    quarter-end month(s) ``as_of`` (month starts; several dates are listed, oldest first)."""
    values = [as_of] if isinstance(as_of, str) or not isinstance(as_of, Iterable) else as_of
    days = sorted({d for d in (to_date(v) for v in values) if d is not None})
    return t("legend.as_of", lang, date=", ".join(format_as_of(d, lang) for d in days))


def roma_legends(
    lang: str | None,
    *,
    withheld: bool = False,
    rounded: bool = False,
    as_of: Iterable[Any] = (),
    base: int = DEFAULT_ROUNDING_BASE,
) -> list[str]:
    """The legends of the marks a surface shows, and only those: ``withheld`` when a ``×`` is
    shown, ``rounded`` when a ``≈`` is, ``as_of`` the quarter-end months of Roma figures that
    describe an earlier month than the one shown (empty: no note)."""
    legends = []
    if withheld:
        legends.append(withheld_legend(lang))
    if rounded:
        legends.append(rounded_legend(lang, base))
    as_of = [v for v in as_of if to_date(v) is not None]
    if as_of:
        legends.append(as_of_legend(lang, as_of))
    return legends


def rejection_reason(
    rules: Iterable[str], message: Any, lang: str | None = DEFAULT_LANG, dataset: Any = None
) -> str:
    """Why an extract was rejected, in the reader's language: what each failed rule of the
    dataset's contract asks; the rule ids when a rule has no words there (a file that matched
    no contract); the gate's own message (English, for the engineers) when it names no rule."""
    rules = [str(rule) for rule in rules]
    words = rule_explanations(None if is_missing(dataset) else str(dataset), normalise_lang(lang))
    if rules and all(rule in words for rule in rules):
        return " ".join(words[rule] for rule in rules)
    if rules:
        return t("loads.failed_rules", lang, rules=", ".join(rules))
    return MISSING if is_missing(message) else str(message)


def localized(row: Any, lang: str | None, field: str = "name", code: str = "indicator_code") -> str:
    """The row's ``<field>_<lang>`` (an indicator's or an area's name in the chosen language),
    else its code (``code``: the column with it)."""
    name = row.get(f"{field}_{normalise_lang(lang)}")
    return str(row[code]) if is_missing(name) or not str(name).strip() else str(name)


def sam_label(sam: Any, lang: str | None = DEFAULT_LANG) -> str:
    """A measure as a table shows it: its SAM code (``9.1.4.4``), or the Roma platform's name
    for the platform's own indicators (catalogue code ``platform``)."""
    if is_missing(sam):
        return MISSING
    return t("sam.platform", lang) if sam == "platform" else str(sam)


def load_status_label(status: str | None, lang: str | None = DEFAULT_LANG) -> str:
    """A load status as shown (icon + word); an unknown status is shown as it is."""
    key = f"loads.status.{status}"
    return t(key, lang) if key in STRINGS["lv"] else str(status or "")


def progress_label(
    status: str, lang: str | None = DEFAULT_LANG, target_date: Any = None, share: Any = None
) -> str:
    """The one judgement of fct_indicator_status as shown (icon + words). A target missed at
    its date says by when and how far it got: "⊘ Nav sasniegts līdz 31.12.2022 (95,2 %)"."""
    if status == "not_achieved" and to_date(target_date) is not None and not is_missing(share):
        return t(
            "progress.not_achieved_by",
            lang,
            date=format_date(target_date, lang),
            share=format_percent(share, lang),
        )
    return t(f"progress.{status}", lang)
