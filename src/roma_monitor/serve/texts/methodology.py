"""UI strings of the methodology page (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {
        "methodology.title": "Metodoloģija",
        "methodology.intro": (
            "Katra rādītāja definīcija, skaitīšanas noteikums, avots un mērķa avots. Lapa "
            "veidota no publicētā rādītāju kataloga (versija {version}), tāpēc tā vienmēr "
            "atbilst rādītajiem skaitļiem."
        ),
        "methodology.measure_filter": "Rādīti tikai pasākuma {measure} rādītāji.",
        "methodology.rules_header": "Kopīgie noteikumi",
        "methodology.suppression_header": "Romu skaitu aizsardzība",
        "methodology.suppression": (
            "Etniskā piederība ir īpašu kategoriju personas dati, tāpēc romu skaitus publicē "
            "tikai ceturkšņa beigās (marts, jūnijs, septembris, decembris) un noapaļotus līdz "
            "tuvākajam skaitlim, kas dalās ar {base}: 0–{half} kļūst par 0, nākamie {base} "
            "skaitļi — par {base} un tā tālāk. Tabulās noapaļots skaits ir ar zīmi {rounded} "
            "({rounded}155). Citos mēnešos norādīts iepriekšējā ceturkšņa beigu skaits un "
            "datums, uz kuru tas attiecas. Dažas šūnas nepublicē vispār ({withheld}): ja "
            "gandrīz visi tajā uzskaitītie ir romi (romu skaits atklātu pārējo mazo skaitu) "
            "vai ja lineārās "
            "programmēšanas audits atrada, ka šūnu varētu aprēķināt no citiem publicētajiem "
            "skaitļiem (reģions ir tā pašvaldību summa, Latvija — reģionu summa). Tāpēc "
            "kopsumma var būt slēpta, kamēr tās daļas ir redzamas, vai otrādi. Romu daļu "
            "aprēķina no noapaļotajiem skaitiem un nepublicē, ja noapaļotais saucējs ir mazāks "
            "par 20. Romu skaits vienmēr ir minimālais novērtējums, jo etniskā piederība ir pašu "
            "norādīta; tāpēc blakus ir tās pārklājums. Kultūras ministrijas iekšējā skatā romu "
            "skaiti ir precīzi un mēneša."
        ),
        "methodology.on_track_header": "Atbilstība plānam",
        "methodology.on_track": (
            "Rādītāja vērtību salīdzina ar plānoto trajektoriju: lineāri no pasākuma sākuma "
            "(vērtība 0) līdz mērķim mērķa datumā. Rādītājs atbilst plānam, ja sasniegtā vērtība "
            "nav mazāka par šim mēnesim plānoto."
        ),
        "methodology.status_header": "Progresa klase un temps",
        "methodology.status_caption": (
            "Metode, kā to apraksta publicētie dati; tā attiecas uz rādītājiem ar galīgo mērķi."
        ),
        # fct_indicator_status.status_method, keyed by the method (STATUS_METHODS on the page)
        "methodology.status_method.open_sdg": (
            "Open SDG / Statistics Canada progresa klases: mērķis sasniegts, ja vērtība atbilst "
            "mērķim; mērķis nav sasniegts, ja mērķa termiņa mēnesis ir pienācis un vērtība "
            "mērķim neatbilst; citādi R = faktiskais pieaugums mēnesī kopš bāzes perioda / "
            "pieaugums mēnesī, kas no bāzes perioda vajadzīgs, lai mērķi sasniegtu līdz mērķa "
            "datumam; "
            "būtisks progress, ja R ≥ 0,95, mērens progress, ja 0,60 ≤ R < 0,95, ierobežots "
            "progress, ja 0 ≤ R < 0,60, pasliktināšanās, ja R < 0. Pieaugumu aprēķina lineāri, "
            "nevis salikti, jo kumulatīvie skaiti sākas no nulles. Pašreizējais temps: pēdējo "
            "12 mēnešu izmaiņa / 12 (no sākuma, ja laiks kopš sākuma ir īsāks)."
        ),
        "methodology.status_none": "Publicētajos datos progresa klases metode nav aprakstīta.",
        "methodology.measure_header": "Specifiskais atbalsta mērķis {sam} · {agency}",
        "methodology.platform_header": "Romu platforma · {agency}",
        "methodology.milestones_header": "Pasākuma atskaites punkti",
        "methodology.field.code": "Kods",
        "methodology.field.definition": "Definīcija",
        "methodology.field.group": "Grupa",
        "methodology.field.unit": "Mērvienība",
        "methodology.field.aggregation": "Uzkrāšana",
        "methodology.field.denominator": "Saucējs (daļām)",
        "methodology.field.counting_rule": "Uzskaites kārtība",
        "methodology.field.start": "Uzskaites sākums",
        "methodology.field.breakdowns": "Sadalījumi",
        "methodology.field.source": "Avots",
        "methodology.field.note": "Piezīme",
        "methodology.field.target": "Mērķis",
        "methodology.field.target_source": "Mērķa avots",
        "methodology.field.target_note": "Piezīme par mērķi",
        "methodology.field.status": "Progresa klase",
        "methodology.field.milestones": "Starpmērķi",
        "methodology.field.name": "Nosaukums",
        "methodology.field.measure": "Pasākums",
        "methodology.field.agency": "Iestāde",
        "methodology.field.target_date": "Mērķa datums",
        "methodology.field.operator": "Salīdzinājums",
        "methodology.field.target_from_report": "Mērķis no ziņojuma",
        "methodology.field.date": "Datums",
        "methodology.field.event": "Notikums",
        "methodology.field.value": "Vērtība",
        "methodology.field.year": "Atsauces gads",
        "methodology.target_value": "{target} līdz {date}",
        "methodology.target_from_report": "no ziņojuma",
        "methodology.target_not_from_report": "nav no ziņojuma (cits publisks avots)",
        "methodology.no_target": (
            "Mērķis nav noteikts: ziņojumā tas nav norādīts; ministrija to var pievienot "
            "pārskatītā datu failā."
        ),
        "methodology.aggregation.cumulative": "kumulatīvi (summēts no pasākuma sākuma)",
        "methodology.aggregation.stock": "stāvoklis perioda beigās (netiek summēts)",
        "methodology.group.participants": "dalībnieki",
        "methodology.group.results": "rezultāti",
        "methodology.group.process": "procesa rādītāji",
        "methodology.group.entities": "iesaistītās vienības",
        "methodology.group.finance": "finanses",
        "methodology.group.platform": "platforma",
        "methodology.unit.percent": "procenti",
        "methodology.unit.ratio": "attiecība",
        "methodology.ratio": "{number} reizes",
        "methodology.geo.all": "Latvija, plānošanas reģioni un pašvaldības",
        "methodology.geo.country": "tikai Latvija kopā",
        "methodology.ethnicity_yes": "romi (pašu norādīta etniskā piederība) ar pārklājumu",
        "methodology.ethnicity_no": "bez etniskās piederības",
        "methodology.category": "kategorija: {name}",
        "methodology.precision.day": "diena",
        "methodology.precision.month": "mēnesis",
        "methodology.precision.quarter": "ceturksnis",
        "methodology.precision.year": "gads",
        "methodology.milestone_not_from_report": " — nav no ziņojuma",
        "methodology.target_milestone_item": "{target} līdz {date}{origin}",
        "methodology.baseline_header": "Sākuma konteksts",
        "methodology.baseline_caption": (
            "Skaitļi, ko ziņojums citē par romu situāciju (galvenokārt pētījums „Romi Latvijā”, "
            "2015); tie ir konteksts, nevis mērķi."
        ),
        "methodology.catalogue_header": "Viss katalogs tabulā",
        "methodology.none": "Publicētajos datos nav rādītāju kataloga.",
        "methodology.sheet.catalogue": "Rādītāji",
        "methodology.sheet.milestones": "Atskaites punkti",
        "methodology.sheet.baseline": "Sākuma konteksts",
    },
    "en": {
        "methodology.title": "Methodology",
        "methodology.intro": (
            "Every indicator's definition, counting rule, source and target source. The page is "
            "generated from the published indicator catalogue (version {version}), so it always "
            "matches the figures shown."
        ),
        "methodology.measure_filter": "Only the indicators of measure {measure} are shown.",
        "methodology.rules_header": "Rules that apply throughout",
        "methodology.suppression_header": "Protecting Roma counts",
        "methodology.suppression": (
            "Ethnicity is special-category personal data, so Roma counts are published only at "
            "quarter ends (March, June, September, December) and rounded to the nearest multiple of"
            " {base}: 0 to {half} become 0, the next {base} numbers {base}, and so on. Tables mark "
            "a rounded count with {rounded} ({rounded}155). Other months show the previous quarter "
            "end's count and say which date it describes. Some cells are not published at all "
            "({withheld}): when nearly everyone counted there is Roma (the Roma count would reveal "
            "the small number of others), or when a linear-programming audit found the cell could "
            "be worked out from other published figures (a region is the sum of its municipalities,"
            " Latvia of its regions). A total may therefore be hidden while its parts are shown, or"
            " the reverse. Roma shares are computed from the rounded counts and not published when "
            "the rounded denominator is below 20. Roma counts are always lower bounds because "
            "ethnicity is self-declared; its coverage is therefore shown beside them. The Ministry "
            "of Culture's internal view holds exact monthly counts."
        ),
        "methodology.on_track_header": "On track",
        "methodology.on_track": (
            "An indicator's value is compared with the target trajectory: linear from the "
            "measure's start (value 0) to the target on the target date. It is on track when "
            "the value achieved is at least the value expected for that month."
        ),
        "methodology.status_header": "Progress class and pace",
        "methodology.status_caption": (
            "The method as the published data describe it; it applies to indicators with a "
            "final target."
        ),
        "methodology.status_method.open_sdg": (
            "Open SDG / Statistics Canada progress classes: achieved when the value meets the "
            "target; not achieved when the target month has come and it does not; otherwise "
            "R = observed growth per month since the base / growth per month "
            "required from the base to reach the target by the target date; substantial if "
            "R ≥ 0.95, moderate if 0.60 ≤ R < 0.95, limited if 0 ≤ R < 0.60, deterioration if "
            "R < 0. Growth is linear, not compound, because cumulative counts start at zero. "
            "Current pace: change over the last 12 months / 12 (since the start if shorter)."
        ),
        "methodology.status_none": "The published data do not describe a progress-class method.",
        "methodology.measure_header": "Specific support objective {sam} · {agency}",
        "methodology.platform_header": "Roma platform · {agency}",
        "methodology.milestones_header": "Milestones of the measure",
        "methodology.field.code": "Code",
        "methodology.field.definition": "Definition",
        "methodology.field.group": "Group",
        "methodology.field.unit": "Unit",
        "methodology.field.aggregation": "Aggregation",
        "methodology.field.denominator": "Denominator (for shares)",
        "methodology.field.counting_rule": "Counting rule",
        "methodology.field.start": "Counted from",
        "methodology.field.breakdowns": "Breakdowns",
        "methodology.field.source": "Source",
        "methodology.field.note": "Note",
        "methodology.field.target": "Target",
        "methodology.field.target_source": "Target source",
        "methodology.field.target_note": "Note on the target",
        "methodology.field.status": "Progress class",
        "methodology.field.milestones": "Interim targets",
        "methodology.field.name": "Name",
        "methodology.field.measure": "Measure",
        "methodology.field.agency": "Agency",
        "methodology.field.target_date": "Target date",
        "methodology.field.operator": "Comparison",
        "methodology.field.target_from_report": "Target from the report",
        "methodology.field.date": "Date",
        "methodology.field.event": "Event",
        "methodology.field.value": "Value",
        "methodology.field.year": "Reference year",
        "methodology.target_value": "{target} by {date}",
        "methodology.target_from_report": "from the report",
        "methodology.target_not_from_report": "not from the report (another public source)",
        "methodology.no_target": (
            "No target set: the report states none; the Ministry can add one in a reviewed "
            "data file."
        ),
        "methodology.aggregation.cumulative": "cumulative (summed from the measure's start)",
        "methodology.aggregation.stock": "stock at the end of the period (not summed)",
        "methodology.group.participants": "participants",
        "methodology.group.results": "results",
        "methodology.group.process": "process",
        "methodology.group.entities": "entities involved",
        "methodology.group.finance": "finance",
        "methodology.group.platform": "platform",
        "methodology.unit.percent": "per cent",
        "methodology.unit.ratio": "ratio",
        "methodology.ratio": "{number} times",
        "methodology.geo.all": "Latvia, planning regions and municipalities",
        "methodology.geo.country": "Latvia as a whole only",
        "methodology.ethnicity_yes": "Roma (self-declared ethnicity) with coverage",
        "methodology.ethnicity_no": "no ethnicity",
        "methodology.category": "category: {name}",
        "methodology.precision.day": "day",
        "methodology.precision.month": "month",
        "methodology.precision.quarter": "quarter",
        "methodology.precision.year": "year",
        "methodology.milestone_not_from_report": " — not from the report",
        "methodology.target_milestone_item": "{target} by {date}{origin}",
        "methodology.baseline_header": "Baseline context",
        "methodology.baseline_caption": (
            'Figures the report quotes on the situation of Roma (mainly the study "Romi '
            'Latvijā", 2015); they are context, not targets.'
        ),
        "methodology.catalogue_header": "The whole catalogue as a table",
        "methodology.none": "The published data contain no indicator catalogue.",
        "methodology.sheet.catalogue": "Indicators",
        "methodology.sheet.milestones": "Milestones",
        "methodology.sheet.baseline": "Baseline context",
    },
}
