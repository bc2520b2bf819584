"""UI strings of the quality page (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {
        "quality.title": "Datu kvalitāte",
        "quality.intro": (
            "Datu inženieriem: katra avota un datu kopas pēdējais saņemtais izraksts, tā "
            "aktualitāte pret paredzēto biežumu, ielādētās rindas, pēdējās validācijas rezultāts "
            "ar pārskatu, karantīnā ievietotie faili, laboti periodi un etniskās piederības "
            "pārklājums laikā."
        ),
        "quality.measure_filter": "Rādīti tikai pasākuma {measure} avoti un datu kopas.",
        "quality.as_of": "Aktualitāte vērtēta uz",
        "quality.as_of_help": (
            "Noklusējums ir šodiena. Vēsturiskie izlases dati beidzas 2022. gadā: izvēlieties "
            "datumu, lai vērtētu aktualitāti uz to brīdi."
        ),
        "quality.rule_header": "Aktualitātes noteikums",
        "quality.rule": (
            "Izraksts par periodu P jāiesniedz līdz nākamā mēneša beigām pēc P beigām "
            "(mēneša un ceturkšņa datu kopām; piemēram, 2022. gada 4. ceturksnis — līdz "
            "31.01.2023) un līdz nākamā gada februāra beigām (gada datu kopām). Paredzētais "
            "jaunākais periods ir jaunākais periods, kura termiņš ir pirms vērtēšanas datuma. "
            "Datu kopa ir laikā, ja tās jaunākais pieņemtais periods (ielādēts vai dublikāts; "
            "noraidīts fails neskaitās) nav vecāks par paredzēto; citādi tā kavējas tik dienas, "
            "cik pagājis kopš pirmā trūkstošā perioda termiņa."
        ),
        "quality.summary_on_time": "Laikā",
        "quality.summary_late": "Kavējas",
        "quality.summary_never": "Nav saņemts neviens izraksts",
        "quality.summary_rejected": "Noraidīti faili",
        "quality.datasets_header": "Avoti un datu kopas",
        "quality.datasets_caption": (
            "Visas reģistrā aprakstītās datu kopas, arī tās, par kurām vēl nekas nav saņemts. "
            "Laiks norādīts Rīgas laikā."
        ),
        "quality.col.measure": "Pasākums",
        "quality.col.agency": "Iestāde",
        "quality.col.dataset": "Datu kopa",
        "quality.col.frequency": "Biežums",
        "quality.col.last_file": "Pēdējais saņemtais fails",
        "quality.col.last_period": "Faila periods",
        "quality.col.received_at": "Saņemts",
        "quality.col.validation": "Pēdējā validācija",
        "quality.col.checks_run": "Veiktās pārbaudes",
        "quality.col.report": "Pārskats",
        "quality.col.latest_period": "Jaunākais pieņemtais periods",
        "quality.col.expected_period": "Paredzētais jaunākais periods",
        "quality.col.freshness": "Aktualitāte",
        "quality.col.days_late": "Kavējums (dienas)",
        "quality.col.next_due": "Nākamais termiņš",
        "quality.col.last_rows": "Rindas (pēdējais ielādētais fails)",
        "quality.col.total_rows": "Rindas (visi ielādētie faili)",
        "quality.col.files_loaded": "Ielādēti faili",
        "quality.col.files_rejected": "Noraidīti faili",
        "quality.col.rules": "Neizpildītie noteikumi",
        "quality.col.file": "Fails",
        "quality.col.rows": "Rindas failā",
        "quality.col.message": "Ziņojums",
        "quality.col.indicator": "Rādītājs",
        "quality.col.month": "Mēnesis",
        "quality.col.value": "Vērtība (kumulatīvi)",
        "quality.col.roma": "Romi (pašu norādīti)",
        "quality.col.coverage": "Etniskās piederības pārklājums",
        "quality.col.source": "Avots",
        "quality.col.dataset_code": "Datu kopas kods",
        "quality.copy": "{n}. sūtījums",
        "quality.dataset.sif_participant_months": "SIF dalībnieki pa mēnešiem",
        "quality.dataset.nva_participant_months": "NVA dalībnieki pa mēnešiem",
        "quality.dataset.nva_followups": "NVA dalībnieki pēc 6 mēnešiem",
        "quality.dataset.jspa_participant_months": "JSPA dalībnieki pa mēnešiem",
        "quality.dataset.jspa_followups": "JSPA dalībnieki pēc 6 mēnešiem",
        "quality.dataset.ikvd_pupil_months": "IKVD atbalstītie skolēni pa mēnešiem",
        "quality.dataset.ikvd_entities": "IKVD iesaistītās institūcijas",
        "quality.dataset.ikvd_spending": "IKVD projekta izdevumi",
        "quality.dataset.km_workshops": "KM platformas reģionālās darbnīcas",
        "quality.dataset.km_mediators": "KM romu mediatori",
        "quality.dataset.km_recommendation_status": "KM ieteikumu izpildes statuss",
        "quality.verdict.accepted": "✓ pieņemts",
        "quality.verdict.duplicate": "↺ pieņemts (dublikāts)",
        "quality.verdict.rejected": "✗ noraidīts",
        "quality.verdict.none": "– nav validēts",
        "quality.fresh.on_time": "✓ laikā",
        "quality.fresh.late": "⚠ kavējas {days} d.",
        "quality.fresh.never": "✗ nekad nav saņemts",
        "quality.report_available": "📄 ir",
        "quality.report_none": "nav saglabāts",
        "quality.frequency.monthly": "reizi mēnesī",
        "quality.frequency.quarterly": "reizi ceturksnī",
        "quality.frequency.yearly": "reizi gadā",
        "quality.unknown_dataset": "(reģistrā nav aprakstīta)",
        "quality.period.quarter": "{year}. g. {quarter}. ceturksnis",
        "quality.period.year": "{year}. gads",
        "quality.reports_header": "Validācijas pārskati",
        "quality.reports_caption": (
            "Izvēlieties ielādi, lai atvērtu validācijas pārskatu; saite uz lapu saglabā izvēli "
            "(parametrs report), tāpēc to var nosūtīt kolēģim."
        ),
        "quality.report_pick": "Pārskats",
        "quality.report_pick_none": "— izvēlieties ielādi —",
        "quality.report_label": "{file} · {status} · saņemts {received}",
        "quality.report_title": "Validācijas pārskats: {file}",
        "quality.report_missing": (
            "Ielādei {load_id} publicētajos datos nav saglabāts validācijas pārskats "
            "(vecāki ieraksti to neglabā)."
        ),
        "quality.report_none_kept": "Publicētajos datos nav saglabātu validācijas pārskatu.",
        "quality.report_in_english": (
            "Šim ierakstam pārskats saglabāts tikai angliski: fails pārbaudīts, pirms pārskatus "
            "sāka rakstīt latviešu valodā."
        ),
        "quality.open_report": "Atvērt validācijas pārskatu",
        "quality.quarantine_header": "Karantīnā ievietotie faili",
        "quality.quarantine_none": "Neviens fails nav noraidīts.",
        "quality.quarantine_item": "**{file}** ({source}, periods {period}) noraidīts {when}.",
        "quality.quarantine_rules": "Neizpildītie noteikumi: {rules}",
        "quality.quarantine_message": "Ziņojums: {message}",
        "quality.quarantine_caption": (
            "No noraidīta faila nekas netiek ielādēts; iestāde labo failu un iesūta to vēlreiz."
        ),
        "quality.corrections_header": "Labojumi: atkārtoti iesūtīti izraksti",
        "quality.corrections_caption": (
            "Ja iestāde atkārtoti iesūta izrakstu par jau ielādētu periodu, jaunākais izraksts "
            "aizstāj iepriekšējo (abi glabājas arhīvā), un rādītāji tiek pārrēķināti no "
            "jaunākā. Katrs aizstātais periods: versija, kad saņemts, aizstātais un jaunais "
            "fails un rindu skaits pirms un pēc labojuma. Aiz faila nosaukuma — pirmās 8 tā "
            "satura kontrolsummas (SHA-256) zīmes, pēc kurām fails atrodams arhīvā."
        ),
        "quality.corrections_none": "Neviens periods nav labots.",
        "quality.corrections_count": "Laboti periodi",
        "quality.col.period": "Periods",
        "quality.col.revision": "Versija",
        "quality.col.previous_file": "Aizstātais fails",
        "quality.col.previous_received_at": "Aizstātais saņemts",
        "quality.col.new_file": "Jaunais fails",
        "quality.col.rows_before": "Rindas pirms",
        "quality.col.rows_after": "Rindas pēc",
        "quality.col.rows_change": "Izmaiņa",
        "quality.sheet.corrections": "Labojumi",
        "quality.sheet.access": "Piekļuve",
        "quality.access_header": "Piekļuve informācijas panelim (30 dienas)",
        "quality.access_caption": (
            "Piekļuves žurnāls: katrs lapas skatījums un lejupielāde ar laiku, lomu un lapu. "
            "Lietotājs ir tikai atslēgots pseidonīms — ne vārds, ne e-pasts."
        ),
        "quality.access_none": "Pēdējās 30 dienās piekļuve nav reģistrēta.",
        "quality.access_downloads": "Lejupielādes (jaunākās vispirms)",
        "quality.access.day": "Diena",
        "quality.access.role": "Loma",
        "quality.access.views": "Skatījumi",
        "quality.access.downloads": "Lejupielādes",
        "quality.access.denied": "Atteikumi",
        "quality.access.people": "Lietotāji",
        "quality.access.at": "Laiks",
        "quality.access.page": "Lapa",
        "quality.access.file": "Fails",
        "quality.access_role.ministry": "Ministrija",
        "quality.access_role.engineer": "Datu inženieris",
        "quality.access_role.council": "Padome",
        "quality.coverage_header": "Etniskās piederības pārklājums laikā",
        "quality.coverage_caption": (
            "To dalībnieku daļa, kuriem norādīta etniskā piederība, Latvijā kopā pa mēnešiem; "
            "viena līnija katram pasākumam (tā dalībnieku rādītājs)."
        ),
        "quality.coverage_none": "Nav rādītāju ar etniskās piederības pārklājumu.",
        "quality.coverage_chart_alt": (
            "Līniju diagramma: etniskās piederības pārklājums pa mēnešiem līdz {month} "
            "pasākumiem {measures}."
        ),
        "quality.coverage_latest": "Jaunākais pārklājums pa rādītājiem ({month})",
        "quality.coverage_series": "Pasākums",
        "quality.coverage_axis": "Pārklājums",
        "quality.sheet.datasets": "Datu kopas",
        "quality.sheet.quarantine": "Karantīna",
        "quality.sheet.coverage": "Pārklājums",
        "quality.sheet.disclosure": "Atklāšanas kontrole",
        # what disclosure control withheld (fct_disclosure_utility)
        "quality.disclosure_header": "Ko konfidencialitātes aizsardzība nepublicēja un kāpēc",
        "quality.disclosure_none": (
            "Šajā publikācijā nav konfidencialitātes aizsardzības kopsavilkuma."
        ),
        "quality.disclosure_caption": (
            "Romu šūnas (rādītājs × teritorija) ceturkšņa beigās, kad romu skaiti tiek "
            "publicēti; jaunākās ceturkšņa beigas: {date}."
        ),
        "quality.disclosure.latest": "Publicēto romu šūnu daļa {date}",
        "quality.disclosure.metric_help": "Publicētās šūnas: {published} no {cells}.",
        "quality.disclosure.all": "Visas ceturkšņa beigas",
        "quality.disclosure.level.country": "Latvija",
        "quality.disclosure.level.planning_region": "Plānošanas reģioni",
        "quality.disclosure.level.municipality": "Pašvaldības",
        "quality.disclosure.col.level": "Līmenis",
        "quality.disclosure.col.quarter_ends": "Ceturkšņa beigas",
        "quality.disclosure.col.cells": "Šūnas",
        "quality.disclosure.col.published": "Publicētas",
        "quality.disclosure.col.withheld": "Nav publicētas (×)",
        "quality.disclosure.col.share_published": "Publicēto daļa",
        "quality.disclosure.col.withheld_complement": "Nav publicētas: gandrīz visi ir romi",
        "quality.disclosure.col.withheld_audit": "Nav publicētas: audita dēļ",
        "quality.disclosure.col.rounding_error_mean": "Noapaļošanas kļūda, vidēji",
        "quality.disclosure.col.rounding_error_max": "Noapaļošanas kļūda, lielākā",
        "quality.disclosure_rules": (
            "Šūnu nepublicē (×), ja gandrīz visi tajā uzskaitītie ir romi (tad romu skaits "
            "atklātu pārējo mazo skaitu) vai ja audits atrada, ka to varētu aprēķināt no citiem "
            "publicētajiem skaitļiem (piemēram, reģions ir tā pašvaldību summa). Publicētie romu "
            "skaiti ir noapaļoti līdz tuvākajam skaitlim, kas dalās ar {base}."
        ),
        "quality.disclosure_internal": (
            "Iekšējais skats: sadalījums pa noteikumiem un noapaļošanas kļūda (absolūtā starpība "
            "starp precīzo un noapaļoto skaitu publicētajās šūnās) publiskajā skatā nav redzami."
        ),
    },
    "en": {
        "quality.title": "Data quality",
        "quality.intro": (
            "For the data engineers: each source's and dataset's last extract received, its "
            "freshness against the expected frequency, rows loaded, the last validation result "
            "with its report, quarantined files, corrected periods and ethnicity coverage over "
            "time."
        ),
        "quality.measure_filter": "Only the sources and datasets of measure {measure} are shown.",
        "quality.as_of": "Freshness judged as of",
        "quality.as_of_help": (
            "Today by default. The historical sample ends in 2022: pick a date to judge "
            "freshness as of that day."
        ),
        "quality.rule_header": "Freshness rule",
        "quality.rule": (
            "An extract for period P is due by the end of the month after P ends (monthly and "
            "quarterly datasets; e.g. 2022 Q4 by 31 January 2023) and by the end of February of "
            "the next year (yearly datasets). The expected latest period is the latest period "
            "whose due date is before the day judged. A dataset is on time when its latest "
            "accepted period (loaded or duplicate; a rejected file does not count) is not older "
            "than the expected one; otherwise it is late by the days since the due date of the "
            "first missing period."
        ),
        "quality.summary_on_time": "On time",
        "quality.summary_late": "Late",
        "quality.summary_never": "Never received",
        "quality.summary_rejected": "Rejected files",
        "quality.datasets_header": "Sources and datasets",
        "quality.datasets_caption": (
            "Every dataset in the contract registry, including those that never sent anything. "
            "Times are Riga time."
        ),
        "quality.col.measure": "Measure",
        "quality.col.agency": "Agency",
        "quality.col.dataset": "Dataset",
        "quality.col.frequency": "Frequency",
        "quality.col.last_file": "Last file received",
        "quality.col.last_period": "File period",
        "quality.col.received_at": "Received",
        "quality.col.validation": "Last validation",
        "quality.col.checks_run": "Checks run",
        "quality.col.report": "Report",
        "quality.col.latest_period": "Latest period accepted",
        "quality.col.expected_period": "Expected latest period",
        "quality.col.freshness": "Freshness",
        "quality.col.days_late": "Days late",
        "quality.col.next_due": "Next due",
        "quality.col.last_rows": "Rows (last file loaded)",
        "quality.col.total_rows": "Rows (all files loaded)",
        "quality.col.files_loaded": "Files loaded",
        "quality.col.files_rejected": "Files rejected",
        "quality.col.rules": "Rules failed",
        "quality.col.file": "File",
        "quality.col.rows": "Rows in file",
        "quality.col.message": "Message",
        "quality.col.indicator": "Indicator",
        "quality.col.month": "Month",
        "quality.col.value": "Value (cumulative)",
        "quality.col.roma": "Roma (self-declared)",
        "quality.col.coverage": "Ethnicity coverage",
        "quality.col.source": "Source",
        "quality.col.dataset_code": "Dataset code",
        "quality.copy": "copy {n}",
        "quality.dataset.sif_participant_months": "SIF participants by month",
        "quality.dataset.nva_participant_months": "NVA participants by month",
        "quality.dataset.nva_followups": "NVA follow-ups at 6 months",
        "quality.dataset.jspa_participant_months": "JSPA participants by month",
        "quality.dataset.jspa_followups": "JSPA follow-ups at 6 months",
        "quality.dataset.ikvd_pupil_months": "IKVD pupils supported by month",
        "quality.dataset.ikvd_entities": "IKVD participating entities",
        "quality.dataset.ikvd_spending": "IKVD project expenditure",
        "quality.dataset.km_workshops": "KM platform regional workshops",
        "quality.dataset.km_mediators": "KM Roma mediators",
        "quality.dataset.km_recommendation_status": "KM recommendations' status",
        "quality.verdict.accepted": "✓ accepted",
        "quality.verdict.duplicate": "↺ accepted (duplicate)",
        "quality.verdict.rejected": "✗ rejected",
        "quality.verdict.none": "– not validated",
        "quality.fresh.on_time": "✓ on time",
        "quality.fresh.late": "⚠ late by {days} days",
        "quality.fresh.never": "✗ never received",
        "quality.report_available": "📄 kept",
        "quality.report_none": "not kept",
        "quality.frequency.monthly": "monthly",
        "quality.frequency.quarterly": "quarterly",
        "quality.frequency.yearly": "yearly",
        "quality.unknown_dataset": "(not in the registry)",
        "quality.period.quarter": "Q{quarter} {year}",
        "quality.period.year": "year {year}",
        "quality.reports_header": "Validation reports",
        "quality.reports_caption": (
            "Pick a load to open its validation report; the page's link keeps the choice "
            "(parameter report), so it can be sent to a colleague."
        ),
        "quality.report_pick": "Report",
        "quality.report_pick_none": "— pick a load —",
        "quality.report_label": "{file} · {status} · received {received}",
        "quality.report_title": "Validation report: {file}",
        "quality.report_missing": (
            "The published data keep no validation report for load {load_id} (older records "
            "do not keep it)."
        ),
        "quality.report_none_kept": "The published data keep no validation reports.",
        "quality.report_in_english": (
            "This record keeps its report in English only: the file was checked before the "
            "reports were written in Latvian."
        ),
        "quality.open_report": "Open the validation report",
        "quality.quarantine_header": "Quarantined files",
        "quality.quarantine_none": "No file has been rejected.",
        "quality.quarantine_item": "**{file}** ({source}, period {period}) rejected {when}.",
        "quality.quarantine_rules": "Rules failed: {rules}",
        "quality.quarantine_message": "Message: {message}",
        "quality.quarantine_caption": (
            "Nothing from a rejected file is loaded; the agency corrects the file and sends it "
            "again."
        ),
        "quality.corrections_header": "Corrections: extracts resent",
        "quality.corrections_caption": (
            "When an agency resends an extract for a period already loaded, the latest extract "
            "supersedes the earlier one (both are kept in the archive) and the indicators are "
            "recomputed from the latest. Every superseded period: the revision, when it came, "
            "the superseded and the new file, and the rows before and after the correction. "
            "A file's name is followed by the first 8 characters of its content hash (SHA-256), "
            "by which it is found in the archive."
        ),
        "quality.corrections_none": "No period has been corrected.",
        "quality.corrections_count": "Periods corrected",
        "quality.col.period": "Period",
        "quality.col.revision": "Revision",
        "quality.col.previous_file": "Superseded file",
        "quality.col.previous_received_at": "Superseded file received",
        "quality.col.new_file": "New file",
        "quality.col.rows_before": "Rows before",
        "quality.col.rows_after": "Rows after",
        "quality.col.rows_change": "Change",
        "quality.sheet.corrections": "Corrections",
        "quality.sheet.access": "Access",
        "quality.access_header": "Access to the dashboard (30 days)",
        "quality.access_caption": (
            "The access audit: every page view and download with time, role and page. A user "
            "is only a keyed pseudonym, never a name or e-mail."
        ),
        "quality.access_none": "No access recorded in the last 30 days.",
        "quality.access_downloads": "Downloads (newest first)",
        "quality.access.day": "Day",
        "quality.access.role": "Role",
        "quality.access.views": "Page views",
        "quality.access.downloads": "Downloads",
        "quality.access.denied": "Refused",
        "quality.access.people": "People",
        "quality.access.at": "Time",
        "quality.access.page": "Page",
        "quality.access.file": "File",
        "quality.access_role.ministry": "Ministry",
        "quality.access_role.engineer": "Data engineer",
        "quality.access_role.council": "Council",
        "quality.coverage_header": "Ethnicity coverage over time",
        "quality.coverage_caption": (
            "Share of participants whose ethnicity is stated, Latvia as a whole, by month; one "
            "line per measure (its participants indicator)."
        ),
        "quality.coverage_none": "No indicator with an ethnicity coverage.",
        "quality.coverage_chart_alt": (
            "Line chart: ethnicity coverage by month to {month} for the measures {measures}."
        ),
        "quality.coverage_latest": "Latest coverage by indicator ({month})",
        "quality.coverage_series": "Measure",
        "quality.coverage_axis": "Coverage",
        "quality.sheet.datasets": "Datasets",
        "quality.sheet.quarantine": "Quarantine",
        "quality.sheet.coverage": "Coverage",
        "quality.sheet.disclosure": "Disclosure control",
        "quality.disclosure_header": "What disclosure control withheld, and why",
        "quality.disclosure_none": "This publication has no disclosure-control summary.",
        "quality.disclosure_caption": (
            "Roma cells (indicator × area) at quarter ends, when Roma counts are published; the "
            "latest quarter end is {date}."
        ),
        "quality.disclosure.latest": "Share of Roma cells published on {date}",
        "quality.disclosure.metric_help": "{published} of {cells} cells published.",
        "quality.disclosure.all": "All quarter ends",
        "quality.disclosure.level.country": "Latvia",
        "quality.disclosure.level.planning_region": "Planning regions",
        "quality.disclosure.level.municipality": "Municipalities",
        "quality.disclosure.col.level": "Level",
        "quality.disclosure.col.quarter_ends": "Quarter ends",
        "quality.disclosure.col.cells": "Cells",
        "quality.disclosure.col.published": "Published",
        "quality.disclosure.col.withheld": "Withheld (×)",
        "quality.disclosure.col.share_published": "Share published",
        "quality.disclosure.col.withheld_complement": "Withheld: nearly everyone is Roma",
        "quality.disclosure.col.withheld_audit": "Withheld: audit",
        "quality.disclosure.col.rounding_error_mean": "Rounding error, mean",
        "quality.disclosure.col.rounding_error_max": "Rounding error, largest",
        "quality.disclosure_rules": (
            "A cell is withheld (×) when nearly everyone counted in it is Roma (the Roma count "
            "would then reveal the small number of others) or when an audit found it could be "
            "worked out from other published figures (a region, for instance, is the sum of its "
            "municipalities). Published Roma counts are rounded to the nearest {base}."
        ),
        "quality.disclosure_internal": (
            "Internal view: the split by rule and the rounding error (absolute difference "
            "between the exact and the rounded count over the published cells) are not shown "
            "in the public view."
        ),
    },
}
