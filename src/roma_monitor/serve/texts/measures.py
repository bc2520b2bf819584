"""UI strings of the overview and the measure detail pages (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {
        # overview: every measure at a glance
        "overview.header": "Visi pasākumi vienuviet",
        "overview.as_of": "Periods: {month} · {area}.",
        "overview.empty": "Izvēlētajam pasākumam publicētajos datos nav rādītāju.",
        "overview.platform": "Romu platforma · {agency}",
        "overview.col.measure": "Pasākums",
        "overview.col.indicator": "Rādītājs",
        "overview.col.value": "Vērtība",
        "overview.col.target": "Mērķis (valstī)",
        "overview.col.share_of_target": "Mērķa izpilde",
        "overview.col.share_of_national": "Daļa no valsts kopskaita",
        "overview.col.needed_pace": "Vajadzīgais temps mēnesī",
        "overview.col.current_pace": "Pašreizējais temps mēnesī",
        "overview.col.projected": "Prognoze mērķa datumā",
        "overview.col.status": "Vērtējums",
        "overview.col.status_national": "Vērtējums (Latvijā)",
        "overview.col.code": "Rādītāja kods",
        "overview.col.status_code": "Vērtējuma kods",
        "overview.col.value_period": "Vērtības periods",
        "overview.col.area": "Teritorija",
        "overview.col.roma": "Romi (pašu norādīti)",
        "overview.col.coverage": "Etniskās piederības pārklājums",
        "overview.region_note": (
            "Mērķi ir noteikti visai Latvijai, tāpēc teritorijai rādīta tās daļa no valsts "
            "kopskaita, nevis mērķa izpilde; mērķis un vērtējums attiecas uz visu Latviju."
        ),
        "overview.pace_note": (
            "Pašreizējais temps: pieaugums pēdējos 12 mēnešos / 12. Vajadzīgais temps: cik "
            "mēnesī vēl jāsasniedz līdz mērķa datumam (– ja mērķis sasniegts vai termiņš "
            "pienācis). Prognoze: pēdējā vērtība, turpinot ar pašreizējo tempu līdz mērķa "
            "datumam."
        ),
        "overview.legend": (
            "Vērtējums (Open SDG / Statistics Canada metode) salīdzina vidējo pieaugumu mēnesī "
            "kopš pasākuma sākuma ar pieaugumu mēnesī, kas no sākuma vajadzīgs mērķa "
            "sasniegšanai termiņā (nevis kolonnās rādīto pašreizējo un vajadzīgo tempu): "
            "{achieved}; {substantial} — vismaz 95 % no vajadzīgā; {moderate} — 60–95 %; "
            "{limited} — līdz 60 %; {deterioration} — vērtība samazinās; {not_achieved} — mērķa "
            "termiņš ir pienācis, un mērķis nav sasniegts (iekavās — cik procentu no mērķa "
            "sasniegts); {no_target}. Katram mēnesim rādīts tā mēneša vērtējums."
        ),
        "overview.sheet": "Pārskats",
        "overview.sheet_sources": "Datu avoti",
        "overview.sources_header": "Jaunākie dati pa avotiem",
        "overview.source_latest_help": ("Jaunākais mēnesis, par kuru publicēti šī avota rādītāji."),
        "overview.published": "Dati publicēti {when} · versija {version}.",
        "overview.col.source": "Avots",
        "overview.col.latest_period": "Jaunākais periods",
        "overview.col.load_file": "Jaunākā perioda izraksts",
        "overview.col.load_status": "Ielādes statuss",
        "overview.col.load_period": "Izraksta periods",
        "overview.col.load_finished": "Ielāde pabeigta",
        # progress classes (icon + word, never colour alone)
        "progress.achieved": "✔ Mērķis sasniegts",
        "progress.not_achieved": "⊘ Mērķis nav sasniegts termiņā",
        "progress.not_achieved_by": "⊘ Nav sasniegts līdz {date} ({share})",
        "progress.substantial": "▲ Būtisks progress",
        "progress.moderate": "◆ Mērens progress",
        "progress.limited": "▼ Ierobežots progress",
        "progress.deterioration": "✖ Pasliktinājums",
        "progress.no_target": "○ Mērķis nav noteikts",
        "progress.unknown": "? Nav novērtējuma",
        "progress.on_track": "● Atbilst plānam",
        "progress.behind": "◌ Atpaliek no plāna",
        # measure detail
        "measure.title": "Pasākums detalizēti",
        "measure.indicator": "Rādītājs",
        "measure.no_data_suffix": "(nav datu)",
        "measure.caption": "SAM {sam} · {agency} · rādītājs {code}",
        "measure.caption_platform": "Romu platforma · {agency} · rādītājs {code}",
        "measure.counting_rule": "Uzskaites kārtība: {rule}",
        "measure.methodology_link": "Visas definīcijas un avoti — metodoloģija",
        "measure.empty": "Izvēlētajam pasākumam publicētajos datos nav rādītāju.",
        "measure.figures_header": "Stāvoklis: {area}, {month}",
        "measure.value": "Vērtība",
        "measure.value_help": "Periods: {month}; šajā mēnesī: {in_period}.",
        "measure.target": "Mērķis (valstī)",
        "measure.target_help": "Mērķis līdz {date}. Avots: {citation}",
        "measure.no_target": "Mērķis nav noteikts",
        "measure.no_target_text": (
            "Ziņojumā šim rādītājam mērķis nav norādīts; ministrija to var pievienot "
            "pārskatītā datu failā."
        ),
        "measure.share_of_target": "Mērķa izpilde",
        "measure.expected": "Plānots līdz šim",
        "measure.expected_help": "Lineāra trajektorija no pasākuma sākuma līdz mērķa datumam.",
        "measure.share_of_national": "Daļa no valsts kopskaita",
        "measure.national_value": "Latvijā kopā",
        "measure.share_of_denominator": "Daļa no saucēja",
        "measure.share_help": "{value} no {denominator} ({denominator_name}).",
        "measure.status": "Vērtējums",
        "measure.status_national": "Vērtējums (Latvijā)",
        "measure.no_area_data": (
            "Šim rādītājam nav datu par teritoriju „{area}” (tas tiek publicēts tikai visai "
            "Latvijai vai citā līmenī)."
        ),
        "measure.current_pace": "Pašreizējais temps mēnesī",
        "measure.current_pace_help": "Pieaugums pēdējos 12 mēnešos / 12.",
        "measure.needed_pace": "Vajadzīgais temps mēnesī",
        "measure.needed_pace_help": (
            "Cik mēnesī vēl jāsasniedz līdz mērķa datumam (– ja mērķis sasniegts vai termiņš "
            "pienācis)."
        ),
        "measure.projected": "Prognoze mērķa datumā",
        "measure.projected_help": ("Pēdējā vērtība, turpinot ar pašreizējo tempu līdz {date}."),
        "measure.status_latest": (
            "Vērtējums, temps un prognoze attiecas uz visu Latviju; periods: {month}."
        ),
        "measure.region_note": (
            "Mērķis noteikts visai Latvijai, tāpēc teritorijai rādīta tās daļa no valsts "
            "kopskaita un netiek rādīta mērķa trajektorija un prognoze."
        ),
        "measure.chart_header": "Kumulatīvā vērtība pret mērķa trajektoriju",
        "measure.chart_series_header": "Vērtība pa mēnešiem",
        "measure.series.actual": "Sasniegtā vērtība",
        "measure.series.expected": "Mērķa trajektorija",
        "measure.series.target": "Mērķis",
        "measure.series.projection": "Prognoze ar pašreizējo tempu",
        "measure.chart.month": "Mēnesis",
        "measure.chart.value": "Vērtība",
        "measure.chart.series": "Līnija",
        "measure.chart_alt": (
            "Līniju diagramma: {indicator}, {area}, pa mēnešiem līdz {month}; pēdējā vērtība "
            "{value}, mērķis {target}."
        ),
        "measure.projection_note": (
            "Prognoze: taisne no pēdējās vērtības {value} ar pašreizējo tempu {pace} mēnesī "
            "līdz {date}: {projected}."
        ),
        "measure.projection_hidden": (
            "Prognoze līdz mērķa datumam tiek rādīta tikai visai Latvijai un jaunākajam periodam."
        ),
        "measure.roma": "Romi (pašu norādīta etniskā piederība)",
        "measure.roma_share": "Romu daļa no romu saucēja",
        "measure.coverage": "Etniskās piederības pārklājums",
        "measure.coverage_help": "To personu daļa, kurām norādīta etniskā piederība.",
        "measure.breakdowns_header": "Sadalījumi",
        "measure.breakdowns_period": "Periods: {month} · {area}.",
        "measure.breakdowns_empty": "Šim rādītājam šajā teritorijā un periodā nav sadalījumu.",
        "measure.col.dimension": "Griezums",
        "measure.col.group": "Grupa",
        "measure.col.value": "Vērtība",
        "measure.col.denominator": "Saucējs",
        "measure.col.share": "Daļa no saucēja",
        "measure.col.coverage": "Etniskās piederības pārklājums",
        "measure.col.period": "Mēnesis",
        "measure.col.expected": "Mērķa trajektorija",
        "measure.col.roma": "Romi (pašu norādīti)",
        "measure.col.roma_share": "Romu daļa",
        "measure.roma_header": "Romi",
        "measure.chart_roma_note": (
            "Zaļā līnija „{series}” rāda romu skaitu tikai ceturkšņa beigās, kad tas tiek "
            "publicēts; tā ir noapaļota un ir minimālais novērtējums."
        ),
        "measure.dim.sex": "Dzimums",
        "measure.dim.age_band": "Vecuma grupa",
        "measure.dim.education_level": "Izglītības līmenis",
        "measure.dim.category": "Kategorija",
        "measure.sex.female": "Sievietes",
        "measure.sex.male": "Vīrieši",
        "measure.age_band.under_25": "Līdz 25 gadiem",
        "measure.age_band.25_54": "25–54 gadi",
        "measure.age_band.55_plus": "55 gadi un vairāk",
        "measure.education_level.isced_0_2": "Pamatizglītība vai zemāka (ISCED 0–2)",
        "measure.education_level.isced_3_4": "Vidējā vai pēcvidējā (ISCED 3–4)",
        "measure.education_level.isced_5_8": "Augstākā (ISCED 5–8)",
        "measure.education_level.unknown": "Nav zināms",
        "measure.ethnicity.roma": "Romi (pašu norādīta etniskā piederība)",
        "measure.results_header": "Rezultāti pēc dalības beigām",
        "measure.results_caption": (
            "Daļa no dalību beigušajiem: beidzot dalību — no visiem, kas beiguši; pēc 6 "
            "mēnešiem — no tiem, kuriem kopš beigām pagājuši 6 mēneši (arī bez apsekojuma "
            "rezultāta). Periods: {month} · {area}."
        ),
        "measure.results_alt": (
            "Stabiņu diagramma: dalību beigušo daļa pa rezultātiem, beidzot dalību un pēc "
            "6 mēnešiem, {area}, {month}."
        ),
        "measure.col.outcome": "Rezultāts",
        "measure.col.timing": "Laiks",
        "measure.col.leavers": "Dalību beigušie",
        "measure.col.share_of_leavers": "Daļa no dalību beigušajiem",
        "measure.outcome.EMPLOYED": "Nodarbināti",
        "measure.outcome.IN_EDUCATION": "Izglītībā vai apmācībā",
        "measure.outcome.JOB_SEARCHING": "Meklē darbu",
        "measure.timing.ON_LEAVING": "Beidzot dalību",
        "measure.timing.6M": "Pēc 6 mēnešiem",
        "measure.sheet_series": "Laika rinda",
        "measure.sheet_breakdowns": "Sadalījumi",
        "measure.sheet_results": "Rezultāti",
    },
    "en": {
        "overview.header": "Every measure at a glance",
        "overview.as_of": "Period: {month} · {area}.",
        "overview.empty": "The published data hold no indicators for the selected measure.",
        "overview.platform": "Roma platform · {agency}",
        "overview.col.measure": "Measure",
        "overview.col.indicator": "Indicator",
        "overview.col.value": "Value",
        "overview.col.target": "Target (national)",
        "overview.col.share_of_target": "Share of target",
        "overview.col.share_of_national": "Share of national total",
        "overview.col.needed_pace": "Pace needed per month",
        "overview.col.current_pace": "Current pace per month",
        "overview.col.projected": "Projected at target date",
        "overview.col.status": "Status",
        "overview.col.status_national": "Status (Latvia)",
        "overview.col.code": "Indicator code",
        "overview.col.status_code": "Status code",
        "overview.col.value_period": "Value period",
        "overview.col.area": "Area",
        "overview.col.roma": "Roma (self-declared)",
        "overview.col.coverage": "Ethnicity coverage",
        "overview.region_note": (
            "Targets are set for Latvia as a whole, so for an area its share of the national "
            "total is shown instead of the share of target; target and status are Latvia's."
        ),
        "overview.pace_note": (
            "Current pace: growth over the last 12 months / 12. Pace needed: how much is still "
            "needed per month to reach the target by its date (– when achieved or the date has "
            "come). Projection: the latest value continued at the current pace to the target "
            "date."
        ),
        "overview.legend": (
            "Status (Open SDG / Statistics Canada method) compares the average growth per month "
            "since the measure started with the growth per month needed from the start to meet "
            "the target on time (not the current and needed pace in the columns): {achieved}; "
            "{substantial}, at least 95% of the needed growth; {moderate}, 60–95%; {limited}, "
            "under 60%; {deterioration}, the value is falling; {not_achieved}, the target date "
            "has come and the target was not met (in brackets: the share of the target "
            "reached); {no_target}. Each month shows the status of that month."
        ),
        "overview.sheet": "Overview",
        "overview.sheet_sources": "Data sources",
        "overview.sources_header": "Latest data per source",
        "overview.source_latest_help": "The latest month with published figures from this source.",
        "overview.published": "Data published {when} · version {version}.",
        "overview.col.source": "Source",
        "overview.col.latest_period": "Latest period",
        "overview.col.load_file": "Extract of the latest period",
        "overview.col.load_status": "Load status",
        "overview.col.load_period": "Extract period",
        "overview.col.load_finished": "Load finished",
        "progress.achieved": "✔ Target achieved",
        "progress.not_achieved": "⊘ Target not achieved by its date",
        "progress.not_achieved_by": "⊘ Not achieved by {date} ({share})",
        "progress.substantial": "▲ Substantial progress",
        "progress.moderate": "◆ Moderate progress",
        "progress.limited": "▼ Limited progress",
        "progress.deterioration": "✖ Deterioration",
        "progress.no_target": "○ No target set",
        "progress.unknown": "? Not assessed",
        "progress.on_track": "● On track",
        "progress.behind": "◌ Behind the trajectory",
        "measure.title": "Measure in detail",
        "measure.indicator": "Indicator",
        "measure.no_data_suffix": "(no data)",
        "measure.caption": "SAM {sam} · {agency} · indicator {code}",
        "measure.caption_platform": "Roma platform · {agency} · indicator {code}",
        "measure.counting_rule": "Counting rule: {rule}",
        "measure.methodology_link": "All definitions and sources: methodology",
        "measure.empty": "The published data hold no indicators for the selected measure.",
        "measure.figures_header": "Where it stands: {area}, {month}",
        "measure.value": "Value",
        "measure.value_help": "Period: {month}; in this month: {in_period}.",
        "measure.target": "Target (national)",
        "measure.target_help": "Target by {date}. Source: {citation}",
        "measure.no_target": "No target set",
        "measure.no_target_text": (
            "The report states no target for this indicator; the Ministry can add one in a "
            "reviewed data file."
        ),
        "measure.share_of_target": "Share of target",
        "measure.expected": "Expected to date",
        "measure.expected_help": "Linear trajectory from the measure's start to the target date.",
        "measure.share_of_national": "Share of national total",
        "measure.national_value": "Latvia in total",
        "measure.share_of_denominator": "Share of denominator",
        "measure.share_help": "{value} of {denominator} ({denominator_name}).",
        "measure.status": "Status",
        "measure.status_national": "Status (Latvia)",
        "measure.no_area_data": (
            "This indicator has no data for {area} (it is published for Latvia as a whole or "
            "at another level only)."
        ),
        "measure.current_pace": "Current pace per month",
        "measure.current_pace_help": "Growth over the last 12 months / 12.",
        "measure.needed_pace": "Pace needed per month",
        "measure.needed_pace_help": (
            "How much is still needed per month to reach the target by its date (– when "
            "achieved or the date has come)."
        ),
        "measure.projected": "Projected at target date",
        "measure.projected_help": "The latest value continued at the current pace to {date}.",
        "measure.status_latest": (
            "Status, pace and projection are Latvia's as a whole; period: {month}."
        ),
        "measure.region_note": (
            "The target is set for Latvia as a whole, so for an area its share of the national "
            "total is shown, without the target trajectory and projection."
        ),
        "measure.chart_header": "Cumulative value against the target trajectory",
        "measure.chart_series_header": "Value by month",
        "measure.series.actual": "Value achieved",
        "measure.series.expected": "Target trajectory",
        "measure.series.target": "Target",
        "measure.series.projection": "Projection at the current pace",
        "measure.chart.month": "Month",
        "measure.chart.value": "Value",
        "measure.chart.series": "Series",
        "measure.chart_alt": (
            "Line chart: {indicator}, {area}, by month to {month}; latest value {value}, "
            "target {target}."
        ),
        "measure.projection_note": (
            "Projection: a straight line from the latest value, {value}, at the current pace of "
            "{pace} per month to {date}: {projected}."
        ),
        "measure.projection_hidden": (
            "The projection to the target date is shown for Latvia as a whole and the latest "
            "period only."
        ),
        "measure.roma": "Roma (self-declared ethnicity)",
        "measure.roma_share": "Roma share of the Roma denominator",
        "measure.coverage": "Ethnicity coverage",
        "measure.coverage_help": "Share of persons whose ethnicity is stated.",
        "measure.breakdowns_header": "Breakdowns",
        "measure.breakdowns_period": "Period: {month} · {area}.",
        "measure.breakdowns_empty": "No breakdowns for this indicator in this area and period.",
        "measure.col.dimension": "Breakdown",
        "measure.col.group": "Group",
        "measure.col.value": "Value",
        "measure.col.denominator": "Denominator",
        "measure.col.share": "Share of denominator",
        "measure.col.coverage": "Ethnicity coverage",
        "measure.col.period": "Month",
        "measure.col.expected": "Target trajectory",
        "measure.col.roma": "Roma (self-declared)",
        "measure.col.roma_share": "Roma share",
        "measure.roma_header": "Roma",
        "measure.chart_roma_note": (
            "The green line “{series}” shows the Roma count only at quarter ends, when it is "
            "published; it is rounded and a lower bound."
        ),
        "measure.dim.sex": "Sex",
        "measure.dim.age_band": "Age band",
        "measure.dim.education_level": "Education level",
        "measure.dim.category": "Category",
        "measure.sex.female": "Women",
        "measure.sex.male": "Men",
        "measure.age_band.under_25": "Under 25",
        "measure.age_band.25_54": "25–54 years",
        "measure.age_band.55_plus": "55 and over",
        "measure.education_level.isced_0_2": "Lower secondary or less (ISCED 0–2)",
        "measure.education_level.isced_3_4": "Upper or post-secondary (ISCED 3–4)",
        "measure.education_level.isced_5_8": "Tertiary (ISCED 5–8)",
        "measure.education_level.unknown": "Unknown",
        "measure.ethnicity.roma": "Roma (self-declared ethnicity)",
        "measure.results_header": "Results on leaving",
        "measure.results_caption": (
            "Share of leavers: on leaving, of all who left; after 6 months, of those who left "
            "at least 6 months earlier (including those without a follow-up result). Period: "
            "{month} · {area}."
        ),
        "measure.results_alt": (
            "Bar chart: share of leavers by result, on leaving and after 6 months, {area}, {month}."
        ),
        "measure.col.outcome": "Result",
        "measure.col.timing": "When",
        "measure.col.leavers": "Leavers",
        "measure.col.share_of_leavers": "Share of leavers",
        "measure.outcome.EMPLOYED": "Employed",
        "measure.outcome.IN_EDUCATION": "In education or training",
        "measure.outcome.JOB_SEARCHING": "Job searching",
        "measure.timing.ON_LEAVING": "On leaving",
        "measure.timing.6M": "After 6 months",
        "measure.sheet_series": "Time series",
        "measure.sheet_breakdowns": "Breakdowns",
        "measure.sheet_results": "Results",
    },
}
