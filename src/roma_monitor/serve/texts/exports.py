"""UI strings of the exports (download buttons, XLSX sheets, the PDF report); Latvian first."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {
        # download buttons
        "exports.xlsx": "Lejupielādēt XLSX",
        "exports.xlsx_help": "Visas tabulas, kas redzamas lapā, ar definīciju lapu (Excel).",
        "exports.csv": "Lejupielādēt CSV",
        "exports.csv_help": (
            "Tabula „{table}”: UTF-8, atdalītājs semikols, decimālkomats (Excel latviešu "
            "iestatījumiem)."
        ),
        "exports.pdf": "Platformas stāvoklis (PDF)",
        "exports.pdf_help": (
            "Izdrukājams pārskats padomes sēdei: visi pasākumi, karte, galvenie sadalījumi, "
            "datu kvalitāte un datu datums. Tiek sagatavots, kad nospiežat pogu."
        ),
        "exports.yes": "jā",
        "exports.no": "nē",
        "exports.riga_time": "(Rīgas laikā)",
        "exports.internal_mark": "IEKŠĒJAI LIETOŠANAI — nepublicēt",
        "exports.internal_suffix": "IEKSEJAI_LIETOSANAI",
        # XLSX: about & definitions sheets
        "exports.sheet_about": "Par",
        "exports.sheet_definitions": "Definīcijas",
        "exports.sheet_default": "Tabula",
        "exports.about.title": "Nosaukums",
        "exports.about.data_date": "Dati uz (jaunākais periods)",
        "exports.about.version": "Publikācijas versija",
        "exports.about.published_at": "Publicēts (Rīgas laikā)",
        "exports.about.generated_at": "Fails sagatavots (Rīgas laikā)",
        "exports.about.sheets": "Tabulas",
        "exports.about.suppression": "Romu skaiti",
        "exports.about.suppression_text": (
            "Romu skaiti tiek publicēti ceturkšņa beigās, noapaļoti līdz tuvākajam skaitlim, "
            "kas dalās ar {base} (0–{half} kļūst par 0); kolonna „{col_rounded}” norāda "
            "noapaļotu skaitu (tīmekļa lapā un PDF {rounded}155), kolonna „{col_as_of}” — "
            "ceturkšņa beigu datumu, kuru skaitlis raksturo (citiem mēnešiem norādīts "
            "iepriekšējā ceturkšņa beigu skaits). "
            "Dažas šūnas nav publicētas, lai no citiem publicētajiem skaitļiem nevarētu "
            "aprēķināt mazu skaitu: tās ir tukšas, kolonnā „{col_withheld}” ir „jā” (tīmekļa "
            "lapā un PDF {withheld}); tāpēc kopsumma var būt slēpta, kamēr tās daļas ir "
            "redzamas (vai otrādi). Romu skaits ir minimālais novērtējums: etniskā piederība ir "
            "pašu norādīta, tās pārklājums ir blakus kolonnā."
        ),
        "exports.about.internal_roma_text": (
            "Iekšējais skats: romu skaiti ir precīzi un mēneša, nevis noapaļoti ceturkšņa beigu "
            "skaiti. Romu skaits ir minimālais novērtējums: etniskā piederība ir pašu norādīta, "
            "tās pārklājums ir blakus kolonnā."
        ),
        "exports.about.classification": "Klasifikācija",
        "exports.about.internal_text": (
            "IEKŠĒJAI LIETOŠANAI — Kultūras ministrijas skats ar precīziem mēneša romu skaitiem "
            "(nenoapaļotiem, bez slēptām šūnām). Nepublicēt un nenodot tālāk; publicēšanai "
            "izmantojiet publisko skatu."
        ),
        "exports.about.boundaries": "Robežas",
        "exports.about.source": "Avots",
        "exports.about.source_text": (
            "Publicētie dati (tikai lasāma momentuzņēmuma kopija), ne noliktava. Definīcijas, "
            "uzskaites kārtība un mērķu avoti — lapā „Definīcijas”."
        ),
        "exports.default_title": "Romu platformas monitorings: eksports",
        # XLSX: definitions columns
        "exports.def.code": "Kods",
        "exports.def.sam": "Pasākums (SAM)",
        "exports.def.agency": "Iestāde",
        "exports.def.name": "Nosaukums",
        "exports.def.definition": "Definīcija",
        "exports.def.unit": "Mērvienība",
        "exports.def.counting_rule": "Uzskaites kārtība",
        "exports.def.source": "Datu avots",
        "exports.def.target": "Mērķis",
        "exports.def.target_date": "Mērķa datums",
        "exports.def.target_source": "Mērķa avots",
        "exports.def.target_from_report": "Mērķis no ziņojuma",
        # units of dim_indicators.unit
        "exports.unit.persons": "personas",
        "exports.unit.programmes": "programmas",
        "exports.unit.institutions": "izglītības iestādes",
        "exports.unit.municipalities": "pašvaldības",
        "exports.unit.projects": "projekti",
        "exports.unit.EUR": "eiro",
        "exports.unit.mediators": "mediatori",
        "exports.unit.recommendations": "ieteikumi",
        "exports.unit.workshops": "darbnīcas",
        # PDF report
        "exports.report.title": "Romu platformas stāvoklis",
        "exports.report.subtitle": "Pārskats Romu integrācijas politikas konsultatīvajai padomei",
        "exports.report.data_date": "Periods: {month}",
        "exports.report.published": "Publicēts: {time} (versija {version})",
        "exports.report.generated": "Pārskats sagatavots: {date}",
        "exports.report.no_data": (
            "Vēl nav publicētu datu, tāpēc šajā pārskatā nav skaitļu. Palaidiet datu plūsmu "
            "(make demo) un sagatavojiet pārskatu vēlreiz."
        ),
        "exports.report.contents": "Saturs",
        "exports.report.page": "{page}. lpp. no {pages}",
        "exports.report.targets_header": "Rādītāji ar mērķi",
        "exports.report.targets_intro": (
            "Periods: {month}. Katra rādītāja vērtība pret 2022. gada beigu mērķi. Statusa "
            "klases: Open SDG / Statistics Canada metode (vidējais pieaugums mēnesī kopš "
            "pasākuma sākuma pret vajadzīgo)."
        ),
        "exports.report.col_indicator": "Rādītājs",
        "exports.report.pace_note": (
            "Temps: faktiskais — pēdējo 12 mēnešu vidējais pieaugums mēnesī; vajadzīgais — "
            "pieaugums mēnesī, kas vajadzīgs mērķa sasniegšanai līdz mērķa datumam "
            "({missing}, ja mērķa datums ir pienācis)."
        ),
        "exports.report.headline_header": "Galvenie rādītāji bez mērķa",
        "exports.report.headline_intro": (
            "Ziņojumā šiem rādītājiem mērķis nav norādīts; ministrija to var pievienot "
            "pārskatītā datu failā."
        ),
        "exports.report.map_header": "Pa plānošanas reģioniem",
        "exports.report.map_caption": "{indicator}, {month}, kumulatīvi.",
        "exports.report.map_alt": "Karte: {indicator} pa plānošanas reģioniem",
        "exports.report.breakdowns_header": "Galvenie sadalījumi",
        "exports.report.breakdowns_intro": (
            "Periods: {month}. Valsts kopskaits pēc dzimuma un vecuma grupas, romu skaits ar "
            "etniskās piederības pārklājumu."
        ),
        "exports.report.col_total": "Kopā",
        "exports.report.col_female": "Sievietes",
        "exports.report.col_male": "Vīrieši",
        "exports.report.col_under_25": "<25 g.",
        "exports.report.col_25_54": "25–54 g.",
        "exports.report.col_55_plus": "55+ g.",
        "exports.report.col_roma": "Romi",
        "exports.report.col_coverage": "Etn. pārkl.",
        "exports.report.quality_header": "Datu kvalitāte",
        "exports.report.quality_freshness": (
            "Jaunākais publicētais periods: {period}; pēdējā ielāde pabeigta {time}."
        ),
        "exports.report.rejected_header": "Noraidītie izraksti",
        "exports.report.no_rejected": "Neviens izraksts nav noraidīts.",
        "exports.report.col_file": "Fails",
        "exports.report.col_message": "Kāpēc noraidīts",
        "exports.report.no_loads": "Ielāžu žurnāls nav publicēts.",
    },
    "en": {
        "exports.xlsx": "Download XLSX",
        "exports.xlsx_help": "Every table on this page, with a definitions sheet (Excel).",
        "exports.csv": "Download CSV",
        "exports.csv_help": "Table “{table}”: UTF-8, comma-separated, decimal point.",
        "exports.pdf": "State of the platform (PDF)",
        "exports.pdf_help": (
            "A printable report for a council meeting: all measures, map, key breakdowns, "
            "data quality and the date of data. Built when you press the button."
        ),
        "exports.yes": "yes",
        "exports.no": "no",
        "exports.riga_time": "(Riga time)",
        "exports.internal_mark": "INTERNAL — do not publish",
        "exports.internal_suffix": "INTERNAL",
        "exports.sheet_about": "About",
        "exports.sheet_definitions": "Definitions",
        "exports.sheet_default": "Table",
        "exports.about.title": "Title",
        "exports.about.data_date": "Data as of (latest period)",
        "exports.about.version": "Publication version",
        "exports.about.published_at": "Published (Riga time)",
        "exports.about.generated_at": "File generated (Riga time)",
        "exports.about.sheets": "Tables",
        "exports.about.suppression": "Roma counts",
        "exports.about.suppression_text": (
            "Roma counts are published at quarter ends, rounded to the nearest {base} (0 to "
            "{half} become 0); the column “{col_rounded}” marks a rounded count ({rounded}155 on "
            "the web page and in the PDF), the column “{col_as_of}” the quarter end the figure "
            "describes (other months show the latest quarter end). Some cells are withheld so "
            "that a small number cannot be worked out from other published figures: they are "
            "empty and “{col_withheld}” is “yes” ({withheld} on the web page and in the PDF); a "
            "total may therefore be hidden while its parts are shown (or the reverse). Roma "
            "counts are lower bounds: ethnicity is self-declared; its coverage is in the next "
            "column."
        ),
        "exports.about.internal_roma_text": (
            "Internal view: Roma counts are exact monthly counts, not rounded quarter-end ones. "
            "Roma counts are lower bounds: ethnicity is self-declared; its coverage is in the "
            "next column."
        ),
        "exports.about.classification": "Classification",
        "exports.about.internal_text": (
            "INTERNAL — the Ministry of Culture's view with exact monthly Roma counts (not "
            "rounded, no cell withheld). Do not publish or pass on; use the public view for "
            "publication."
        ),
        "exports.about.boundaries": "Boundaries",
        "exports.about.source": "Source",
        "exports.about.source_text": (
            "The published data (a read-only snapshot), never the warehouse. Definitions, "
            "counting rules and target sources are on the “Definitions” sheet."
        ),
        "exports.default_title": "Roma Platform Monitor: export",
        "exports.def.code": "Code",
        "exports.def.sam": "Measure (SAM)",
        "exports.def.agency": "Agency",
        "exports.def.name": "Name",
        "exports.def.definition": "Definition",
        "exports.def.unit": "Unit",
        "exports.def.counting_rule": "Counting rule",
        "exports.def.source": "Data source",
        "exports.def.target": "Target",
        "exports.def.target_date": "Target date",
        "exports.def.target_source": "Target source",
        "exports.def.target_from_report": "Target from the report",
        "exports.unit.persons": "persons",
        "exports.unit.programmes": "programmes",
        "exports.unit.institutions": "educational institutions",
        "exports.unit.municipalities": "municipalities",
        "exports.unit.projects": "projects",
        "exports.unit.EUR": "euro",
        "exports.unit.mediators": "mediators",
        "exports.unit.recommendations": "recommendations",
        "exports.unit.workshops": "workshops",
        "exports.report.title": "State of the Roma platform",
        "exports.report.subtitle": "Report for the Roma Integration Policy Consultative Council",
        "exports.report.data_date": "Data as of: {month}",
        "exports.report.published": "Published: {time} (version {version})",
        "exports.report.generated": "Report generated: {date}",
        "exports.report.no_data": (
            "No data has been published yet, so this report holds no figures. Run the "
            "pipeline (make demo) and generate the report again."
        ),
        "exports.report.contents": "Contents",
        "exports.report.page": "Page {page} of {pages}",
        "exports.report.targets_header": "Indicators with a target",
        "exports.report.targets_intro": (
            "Period: {month}. Each indicator's value against its end-2022 target. Status "
            "classes: the Open SDG / Statistics Canada method (average growth per month since "
            "the measure started against the growth needed)."
        ),
        "exports.report.col_indicator": "Indicator",
        "exports.report.pace_note": (
            "Pace: current — average growth per month over the last 12 months; needed — growth "
            "per month required to reach the target by its date ({missing} once the target "
            "date has come)."
        ),
        "exports.report.headline_header": "Headline indicators without a target",
        "exports.report.headline_intro": (
            "The report states no target for these indicators; the Ministry can add one in a "
            "reviewed data file."
        ),
        "exports.report.map_header": "By planning region",
        "exports.report.map_caption": "{indicator}, {month}, cumulative.",
        "exports.report.map_alt": "Map: {indicator} by planning region",
        "exports.report.breakdowns_header": "Key breakdowns",
        "exports.report.breakdowns_intro": (
            "Period: {month}. National totals by sex and age band, and Roma with ethnicity "
            "coverage."
        ),
        "exports.report.col_total": "Total",
        "exports.report.col_female": "Women",
        "exports.report.col_male": "Men",
        "exports.report.col_under_25": "Under 25",
        "exports.report.col_25_54": "25–54",
        "exports.report.col_55_plus": "55+",
        "exports.report.col_roma": "Roma",
        "exports.report.col_coverage": "Eth. cov.",
        "exports.report.quality_header": "Data quality",
        "exports.report.quality_freshness": (
            "Latest period published: {period}; the last load finished {time}."
        ),
        "exports.report.rejected_header": "Rejected extracts",
        "exports.report.no_rejected": "No extract has been rejected.",
        "exports.report.col_file": "File",
        "exports.report.col_message": "Why it was rejected",
        "exports.report.no_loads": "No load log has been published.",
    },
}
