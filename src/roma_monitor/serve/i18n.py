"""UI strings, Latvian (default) and English, and ``t(key, lang, **values)``.

Common strings are here; each dashboard page keeps its own in ``roma_monitor.serve.texts.<page>``
(one ``STRINGS = {"lv": {...}, "en": {...}}`` per module), merged below.

Every key exists in both languages (a unit test checks it). Values may hold ``str.format``
placeholders (``{month}``); ``t`` fills them. Numbers and dates are formatted by
``roma_monitor.serve.formatting`` before they are passed in.

``BOUNDARIES_ATTRIBUTION`` is the licence attribution required by the boundary data
(src/roma_monitor/serve/boundaries/GEO_SOURCES.md): it is quoted verbatim in both languages,
never translated.
"""

from __future__ import annotations

from roma_monitor.serve import texts
from roma_monitor.serve.formatting import DEFAULT_LANG, SUPPRESSED_MARKER, normalise_lang
from roma_monitor.serve.texts import auth as auth_texts

BOUNDARIES_ATTRIBUTION = (
    "Boundaries: Who's On First (whosonfirst.org); foursquare Quattroshapes (CC BY); "
    "EuroGlobalMap © EuroGeographics, Latvia © Latvijas Republikas Valsts zemes dienests."
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
        "sidebar.language": "Valoda · Language",
        "footer.product": "Romu platformas monitorings · Latvijas Republikas Kultūras ministrija",
        # empty states
        "empty.no_data": (
            "Vēl nav publicētu datu. Palaidiet datu plūsmu ar `make demo` "
            "(demonstrācijas izraksti → validācija → ielāde → dbt → publicēšana) "
            "un pārlādējiet šo lapu."
        ),
        "empty.no_indicator_data": "Šim rādītājam vēl nav publicētu datu.",
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
        "suppressed.footnote": (
            "{marker} mazāk par {threshold}, netiek publicēts privātuma aizsardzībai"
        ),
        # regions
        "regions.period": "Periods: {month}.",
        "regions.region": "Plānošanas reģions",
        "regions.value": "Vērtība (kumulatīvi)",
        "regions.share": "Daļa no valsts kopskaita",
        "regions.roma": "Romi (pašu norādīti)",
        "regions.coverage": "Etniskās piederības pārklājums",
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
        "loads.rejected_alert": (
            "Pēdējais avota {source} izraksts {file} tika noraidīts: {message}"
        ),
        "loads.none": "Ielāžu žurnāls vēl nav publicēts.",
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
        "sidebar.language": "Language · Valoda",
        "footer.product": "Roma Platform Monitor · Ministry of Culture of the Republic of Latvia",
        "empty.no_data": (
            "No data has been published yet. Run the pipeline with `make demo` "
            "(demo extracts → validation → load → dbt → publish), then reload this page."
        ),
        "empty.no_indicator_data": "No data has been published for this indicator yet.",
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
        "suppressed.footnote": "{marker} < {threshold}, not published to protect privacy",
        "regions.period": "Period: {month}.",
        "regions.region": "Planning region",
        "regions.value": "Value (cumulative)",
        "regions.share": "Share of national total",
        "regions.roma": "Roma (self-declared)",
        "regions.coverage": "Ethnicity coverage",
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
        "loads.rejected_alert": "The last {source} extract, {file}, was rejected: {message}",
        "loads.none": "No load log has been published yet.",
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


def suppression_footnote(lang: str | None, threshold: int) -> str:
    """``• mazāk par 5, netiek publicēts privātuma aizsardzībai`` / ``• < 5, not published …``"""
    return t("suppressed.footnote", lang, marker=SUPPRESSED_MARKER, threshold=threshold)


def load_status_label(status: str | None, lang: str | None = DEFAULT_LANG) -> str:
    """A load status as shown (icon + word); an unknown status is shown as it is."""
    key = f"loads.status.{status}"
    return t(key, lang) if key in STRINGS["lv"] else str(status or "")
