"""UI strings, Latvian (default) and English, and ``t(key, lang, **values)``.

Common strings are here; each dashboard page keeps its own in ``roma_monitor.serve.texts.<page>``
(one ``STRINGS = {"lv": {...}, "en": {...}}`` per module), merged below.

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
from roma_monitor.serve import texts
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
from roma_monitor.serve.texts import auth as auth_texts

BOUNDARIES_ATTRIBUTION = (
    "Boundaries: Who's On First (whosonfirst.org); foursquare Quattroshapes (CC BY); "
    "EuroGlobalMap © EuroGeographics, Latvia © Latvijas Republikas Valsts zemes dienests."
)

BOUNDARIES_ATTRIBUTION_LV = (
    "Robežas: Who's On First (whosonfirst.org); foursquare Quattroshapes (CC BY); "
    "EuroGlobalMap © EuroGeographics, Latvija © Latvijas Republikas Valsts zemes dienests."
)

LANGUAGE_NAMES = {"lv": "Latviešu", "en": "English"}

_COMMON: dict[str, dict[str, str]] = {
    "lv": {
        # application & navigation
        "app.title": "Romu platformas monitorings",
        "app.tagline": "ESF pasākumi, kas sasniedz romus, pret 2022. gada beigu mērķiem",
        "nav.overview": "Pārskats",
        "nav.measure": "Pasākums",
        "nav.regions": "Reģioni",
        "nav.platform": "Platforma",
        "nav.quality": "Datu kvalitāte",
        "nav.methodology": "Metodoloģija",
        "filters.header": "Filtri",
        "filters.measure": "Pasākums",
        "filters.all_measures": "Visi pasākumi",
        "filters.measure_label": "SAM {sam} · {agency}",
        "filters.platform": "Romu platforma · {agency}",
        "filters.region": "Teritorija",
        "filters.period": "Dati uz",
        "sam.platform": "Romu platforma",
        "sidebar.language": "Valoda · Language",
        "footer.product": "Romu platformas monitorings · Latvijas Republikas Kultūras ministrija",
        # empty states
        "empty.no_data": (
            "Vēl nav publicētu datu. Palaidiet datu plūsmu ar `make demo` "
            "(demonstrācijas izraksti → validācija → ielāde → dbt → publicēšana) "
            "un pārlādējiet šo lapu."
        ),
        "empty.no_indicator_data": "Šim rādītājam vēl nav publicētu datu.",
        "empty.outdated_snapshot": (
            "Šis datu momentuzņēmums ({kind}) publicēts ar vecāku programmas versiju, un šī "
            "versija to nevar nolasīt. Publicējiet to no jauna: `{command}`."
        ),
        # Roma figures
        "roma.value": "Romi (pašu norādīta etniskā piederība)",
        "roma.coverage": "Etniskās piederības pārklājums",
        "roma.lower_bound": (
            "Romu skaits ir minimālais novērtējums: etniskā piederība ir pašu norādīta un "
            "zināma ne visiem dalībniekiem (pārklājums {coverage}); dažas pašvaldības to "
            "nereģistrē vispār."
        ),
        "roma.lower_bound_table": (
            "Romu skaits ir minimālais novērtējums: etniskā piederība ir pašu norādīta; tās "
            "pārklājums ir blakus kolonnā."
        ),
        # disclosure-control marks (one definition: roma_legends below)
        "legend.withheld": (
            "{mark} nav publicēts, lai no citiem publicētajiem skaitļiem nevarētu aprēķināt "
            "mazu skaitu; tāpēc kopsumma var būt slēpta, kamēr tās daļas ir redzamas "
            "(vai otrādi)."
        ),
        "legend.rounded": (
            "{mark} romu skaits noapaļots līdz tuvākajam skaitlim, kas dalās ar {base} "
            "({mark}0 nozīmē 0–{half}); katrs skaits noapaļots atsevišķi, tāpēc daļu summa var "
            "atšķirties no kopsummas."
        ),
        "legend.missing": "{mark} nav datu: avots šo skaitli nav sniedzis.",
        "legend.as_of": "Romu skaitus publicē ceturkšņa beigās; norādīts romu skaits {date}.",
        "roma.rounded_series": "Romi (noapaļoti, ceturkšņa beigās)",
        "roma.col.withheld": "Romu skaits nav publicēts (×)",
        "roma.col.rounded": "Romu skaits noapaļots (≈)",
        "roma.col.as_of": "Romu skaita datums",
        # regions
        "regions.note": (
            "Dalībnieks tiek skaitīts vienreiz — pašvaldībā, kurā iesaistījies "
            "(ATVK 2021 teritoriālais iedalījums)."
        ),
        "regions.empty": "Šim periodam nav datu pa plānošanas reģioniem.",
        # freshness & loads
        "loads.header": "Pēdējā ielāde pa avotiem",
        "loads.source": "Avots",
        "loads.file": "Fails",
        "loads.status": "Statuss",
        "loads.rows": "Rindas",
        "loads.period": "Periods",
        "loads.finished_at": "Pabeigts",
        "loads.status.loaded": "✓ ielādēts",
        "loads.status.duplicate": "↺ dublikāts (jau ielādēts)",
        "loads.status.rejected": "✗ noraidīts",
        "loads.unaccepted.=1": (
            "Viens {source} datu fails, kas saņemts {received}, netika pieņemts; {figures}."
        ),
        "loads.unaccepted.one": (
            "{count} {source} datu fails netika pieņemts (pēdējais saņemts {received}); {figures}."
        ),
        "loads.unaccepted.zero": (
            "{count} {source} datu faili netika pieņemti (pēdējais saņemts {received}); {figures}."
        ),
        "loads.unaccepted.other": (
            "{count} {source} datu faili netika pieņemti (pēdējais saņemts {received}); {figures}."
        ),
        "loads.figures_as_of": "jaunākie publicētie dati ir par laiku līdz {date}",
        "loads.no_figures": "publicētu skaitļu vēl nav",
        "loads.unaccepted_details": "Iemesli: lapa „Datu kvalitāte”",
        "loads.none": "Ielāžu žurnāls vēl nav publicēts.",
        "loads.failed_rules": "neizpildīti noteikumi {rules}",
        # a count and its noun (tn): CLDR forms zero (0, 10–20 …), one (1, 21 …), other
        # the ministry's own usage: nominative plural after 10–20, 30 … ("3 000 personas");
        # the genitive only after 0
        "plural.indicators.=0": "{count} rādītāju",
        "plural.indicators.zero": "{count} rādītāji",
        "plural.indicators.one": "{count} rādītājs",
        "plural.indicators.other": "{count} rādītāji",
        "plural.workshops.=0": "{count} darbnīcu",
        "plural.workshops.zero": "{count} darbnīcas",
        "plural.workshops.one": "{count} darbnīca",
        "plural.workshops.other": "{count} darbnīcas",
        "plural.persons.=0": "{count} personu",
        "plural.persons.zero": "{count} personas",
        "plural.persons.one": "{count} persona",
        "plural.persons.other": "{count} personas",
    },
    "en": {
        "app.title": "Roma Platform Monitor",
        "app.tagline": "ESF measures that reach Roma, against their end-2022 targets",
        "nav.overview": "Overview",
        "nav.measure": "Measure",
        "nav.regions": "Regions",
        "nav.platform": "Platform",
        "nav.quality": "Data quality",
        "nav.methodology": "Methodology",
        "filters.header": "Filters",
        "filters.measure": "Measure",
        "filters.all_measures": "All measures",
        "filters.measure_label": "Specific objective {sam} · {agency}",
        "filters.platform": "Roma platform · {agency}",
        "filters.region": "Area",
        "filters.period": "Data as of",
        "sam.platform": "Roma platform",
        "sidebar.language": "Language · Valoda",
        "footer.product": "Roma Platform Monitor · Ministry of Culture of the Republic of Latvia",
        "empty.no_data": (
            "No data has been published yet. Run the pipeline with `make demo` "
            "(demo extracts → validation → load → dbt → publish), then reload this page."
        ),
        "empty.no_indicator_data": "No data has been published for this indicator yet.",
        "empty.outdated_snapshot": (
            "This data snapshot ({kind}) was published by an older version of the software, "
            "which this version cannot read. Publish it again: `{command}`."
        ),
        "roma.value": "Roma (self-declared ethnicity)",
        "roma.coverage": "Ethnicity coverage",
        "roma.lower_bound": (
            "Roma counts are lower bounds: ethnicity is self-declared and not known for every "
            "participant (coverage {coverage}); some municipalities do not record it at all."
        ),
        "roma.lower_bound_table": (
            "Roma counts are lower bounds: ethnicity is self-declared; its coverage is in the "
            "next column."
        ),
        "legend.withheld": (
            "{mark} withheld so that a small number cannot be worked out from other published "
            "figures; a total may therefore be hidden while its parts are shown (or the reverse)."
        ),
        "legend.rounded": (
            "{mark} Roma counts are rounded to the nearest multiple of {base} ({mark}0 means 0 to "
            "{half}); each is rounded separately, so the parts may not add up to the total."
        ),
        "legend.missing": "{mark} no data: the source does not provide this figure.",
        "legend.as_of": "Roma figures are published at quarter ends; shown as of {date}.",
        "roma.rounded_series": "Roma (rounded, at quarter ends)",
        "roma.col.withheld": "Roma count withheld (×)",
        "roma.col.rounded": "Roma count rounded (≈)",
        "roma.col.as_of": "Roma figure as of",
        "regions.note": (
            "A participant is counted once, in the municipality of entry "
            "(ATVK 2021 territorial division)."
        ),
        "regions.empty": "No data by planning region for this period.",
        "loads.header": "Last load per source",
        "loads.source": "Source",
        "loads.file": "File",
        "loads.status": "Status",
        "loads.rows": "Rows",
        "loads.period": "Period",
        "loads.finished_at": "Finished",
        "loads.status.loaded": "✓ loaded",
        "loads.status.duplicate": "↺ duplicate (already loaded)",
        "loads.status.rejected": "✗ rejected",
        "loads.unaccepted.=1": (
            "One {source} data file, received on {received}, was not accepted; {figures}."
        ),
        "loads.unaccepted.one": (
            "{count} {source} data files were not accepted (the last received on {received}); "
            "{figures}."
        ),
        "loads.unaccepted.zero": (
            "{count} {source} data files were not accepted (the last received on {received}); "
            "{figures}."
        ),
        "loads.unaccepted.other": (
            "{count} {source} data files were not accepted (the last received on {received}); "
            "{figures}."
        ),
        "loads.figures_as_of": "the latest published figures run to {date}",
        "loads.no_figures": "no figures have been published yet",
        "loads.unaccepted_details": "The reasons: the Data quality page",
        "loads.none": "No load log has been published yet.",
        "loads.failed_rules": "failed the rules {rules}",
        "plural.indicators.=0": "{count} indicators",
        "plural.indicators.one": "{count} indicator",
        "plural.indicators.other": "{count} indicators",
        "plural.workshops.=0": "{count} workshops",
        "plural.workshops.one": "{count} workshop",
        "plural.workshops.other": "{count} workshops",
        "plural.persons.=0": "{count} persons",
        "plural.persons.one": "{count} person",
        "plural.persons.other": "{count} persons",
    },
}


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One table per language from the common strings and each page's texts module; a key
    defined twice is a bug (two pages would silently disagree), so it raises."""
    merged: dict[str, dict[str, str]] = {"lv": {}, "en": {}}
    for table in tables:
        for lang, strings in table.items():
            clash = merged[lang].keys() & strings.keys()
            if clash:
                raise ValueError(f"UI string keys defined twice: {sorted(clash)}")
            merged[lang].update(strings)
    return merged


STRINGS = _merge(_COMMON, auth_texts.STRINGS, *(m.STRINGS for m in texts.PAGE_TEXTS))


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
