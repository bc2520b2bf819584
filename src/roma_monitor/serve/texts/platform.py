"""UI strings of the platform page (Latvian first, then English)."""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {
        "platform.title": "Romu platforma",
        "platform.intro": (
            "Kultūras ministrijas platformas dati: reģionālās darbnīcas, to dalībnieki, romu "
            "mediatori pašvaldībās un ziņojuma ieteikumu izpilde."
        ),
        "platform.as_of": "Stāvoklis {date} · teritorija: {area}.",
        "platform.empty": "Platformas dati vēl nav publicēti.",
        # workshops
        "platform.workshops.header": "Reģionālās darbnīcas",
        "platform.metric.workshops": "Darbnīcas",
        "platform.metric.participants": "Dalībnieki (apmeklējumi)",
        "platform.metric.municipalities": "Pārstāvētās pašvaldības",
        "platform.metric.municipalities_help": (
            "Dažādās pašvaldības (ATVK 2021), kuru pārstāvji piedalījušies vismaz vienā "
            "darbnīcā; katra skaitīta pašvaldībā un tās reģionā."
        ),
        "platform.workshops.none": "Šajā teritorijā līdz šim datumam darbnīcu nav.",
        "platform.timeline.header": "Darbnīcas laika gaitā",
        "platform.timeline.alt": (
            "Laika ass: {workshops} no {first} līdz {last}; katrs punkts ir darbnīca, "
            "augstums — dalībnieku skaits, krāsa un forma — plānošanas reģions."
        ),
        "platform.map.header": "Darbnīcas pa norises vietām",
        "platform.map.value": "Darbnīcas",
        "platform.map.alt": (
            "Kartogramma: darbnīcu skaits pa pašvaldībām (norises vieta, ATVK 2021), stāvoklis "
            "{date}; visvairāk: {top} ({value})."
        ),
        "platform.col.date": "Datums",
        "platform.col.city": "Pilsēta",
        "platform.col.topic": "Tēma",
        "platform.col.venue": "Norises pašvaldība (ATVK 2021)",
        "platform.col.region": "Plānošanas reģions",
        "platform.col.participants": "Dalībnieki",
        "platform.col.represented": "Pārstāvētās pašvaldības",
        "platform.col.area": "Teritorija",
        # participant types
        "platform.types.header": "Dalībnieki pa iesaistītajām pusēm",
        "platform.types.alt": (
            "Joslu diagramma: darbnīcu dalībnieki pa iesaistītajām pusēm; visvairāk — "
            "{top} ({value})."
        ),
        "platform.types.note": (
            "Apmeklējumi, nevis unikālas personas: cilvēks, kas piedalījies divās darbnīcās, "
            "skaitīts divreiz."
        ),
        "platform.col.type": "Iesaistītā puse",
        "platform.type.municipality": "Pašvaldības darbinieki",
        "platform.type.social_service": "Sociālie dienesti",
        "platform.type.nva": "NVA filiāles",
        "platform.type.education": "Izglītības iestādes",
        "platform.type.roma_community": "Romu kopiena (t. sk. mediatori)",
        "platform.type.ngo": "NVO un jauniešu centri",
        # mediators
        "platform.mediators.header": "Romu mediatori pašvaldībās",
        "platform.metric.mediators": "Mediatori",
        "platform.mediators.note": (
            "Stāvoklis katra gada 31. decembrī; vērtība saglabājas līdz nākamā gada beigām."
        ),
        "platform.mediators.alt": (
            "Laukumu diagramma: romu mediatoru skaits laika gaitā ({area}); {month}: {value}."
        ),
        "platform.mediators.none": "Par mediatoriem šajā teritorijā datu nav.",
        "platform.col.mediators": "Mediatori",
        "platform.col.month": "Mēnesis",
        # recommendations
        "platform.recs.header": "Ieteikumu izpildes uzraudzība",
        "platform.metric.tracked": "Uzraudzītie ieteikumi",
        "platform.metric.tracked_help": (
            "Ieteikuma un pašvaldības pāri (valsts ieteikumi — tikai valstij), kuru statuss "
            "mēneša beigās nav „Nav attiecināms”."
        ),
        "platform.metric.addressed": "Risināti (uzsākti vai īstenoti)",
        "platform.metric.addressed_share": "Risināto daļa",
        "platform.recs.matrix": "Statuss pa pašvaldībām",
        "platform.recs.legend": (
            "Apzīmējumi: ✓ īstenots · ◐ uzsākts · ○ plānots · ✗ nav uzsākts · — nav attiecināms. "
            "Tukša šūna — statuss vēl nav reģistrēts."
        ),
        "platform.recs.national": "Valsts līmeņa ieteikumi",
        "platform.recs.texts": "Ieteikumu teksti",
        "platform.recs.history": "Izmaiņu vēsture (jaunākās vispirms)",
        "platform.recs.none": "Šajā teritorijā līdz šim datumam ieteikumu statusu nav.",
        "platform.recs.first": "(pirmais ieraksts)",
        "platform.recs.country": "Valsts līmenī",
        "platform.col.municipality": "Pašvaldība",
        "platform.col.code": "Kods",
        "platform.col.recommendation": "Ieteikums",
        "platform.col.status": "Statuss",
        "platform.col.previous": "Iepriekšējais statuss",
        "platform.col.new": "Jaunais statuss",
        "platform.col.note": "Piezīme",
        "platform.col.addressed": "Risināti",
        "platform.col.tracked": "Uzraudzīti",
        "platform.col.counts_as_addressed": "Uzskatāms par risinātu",
        "platform.col.status_date": "Statusa datums",
        # export sheets (at most 31 characters)
        "platform.sheet.workshops": "Darbnīcas",
        "platform.sheet.types": "Iesaistītās puses",
        "platform.sheet.mediators": "Mediatori",
        "platform.sheet.status": "Ieteikumu statuss",
        "platform.sheet.history": "Ieteikumu vēsture",
    },
    "en": {
        "platform.title": "Roma platform",
        "platform.intro": (
            "The Ministry of Culture's platform data: regional workshops and who took part, "
            "Roma mediators in municipalities, and progress on the report's recommendations."
        ),
        "platform.as_of": "As of {date} · area: {area}.",
        "platform.empty": "The platform's data have not been published yet.",
        "platform.workshops.header": "Regional workshops",
        "platform.metric.workshops": "Workshops",
        "platform.metric.participants": "Participants (attendances)",
        "platform.metric.municipalities": "Municipalities represented",
        "platform.metric.municipalities_help": (
            "Distinct municipalities (ATVK 2021) whose staff or residents took part in at least "
            "one workshop; each counted in itself and in its region."
        ),
        "platform.workshops.none": "No workshops in this area up to this date.",
        "platform.timeline.header": "Workshops over time",
        "platform.timeline.alt": (
            "Timeline: {workshops} from {first} to {last}; each point is a workshop, its "
            "height the number of participants, its colour and shape the planning region."
        ),
        "platform.map.header": "Workshops by venue",
        "platform.map.value": "Workshops",
        "platform.map.alt": (
            "Choropleth map: number of workshops by municipality (venue, ATVK 2021) as of "
            "{date}; most: {top} ({value})."
        ),
        "platform.col.date": "Date",
        "platform.col.city": "City",
        "platform.col.topic": "Topic",
        "platform.col.venue": "Venue municipality (ATVK 2021)",
        "platform.col.region": "Planning region",
        "platform.col.participants": "Participants",
        "platform.col.represented": "Municipalities represented",
        "platform.col.area": "Area",
        "platform.types.header": "Participants by party represented",
        "platform.types.alt": (
            "Bar chart: workshop participants by the party they represented; most: {top} ({value})."
        ),
        "platform.types.note": (
            "Attendances, not unique persons: someone who attended two workshops counts twice."
        ),
        "platform.col.type": "Party represented",
        "platform.type.municipality": "Municipal staff",
        "platform.type.social_service": "Social services",
        "platform.type.nva": "NVA branches",
        "platform.type.education": "Educational institutions",
        "platform.type.roma_community": "Roma community (incl. mediators)",
        "platform.type.ngo": "NGOs and youth centres",
        "platform.mediators.header": "Roma mediators in municipalities",
        "platform.metric.mediators": "Mediators",
        "platform.mediators.note": (
            "Stock on 31 December of each year; the value holds until the next year end."
        ),
        "platform.mediators.alt": (
            "Area chart: number of Roma mediators over time ({area}); {month}: {value}."
        ),
        "platform.mediators.none": "No mediator data for this area.",
        "platform.col.mediators": "Mediators",
        "platform.col.month": "Month",
        "platform.recs.header": "Recommendations tracker",
        "platform.metric.tracked": "Recommendations tracked",
        "platform.metric.tracked_help": (
            "Recommendation × municipality pairs (national recommendations: the country only) "
            "whose status at the month's end is anything but “Not applicable”."
        ),
        "platform.metric.addressed": "Addressed (in progress or implemented)",
        "platform.metric.addressed_share": "Share addressed",
        "platform.recs.matrix": "Status by municipality",
        "platform.recs.legend": (
            "Key: ✓ implemented · ◐ in progress · ○ planned · ✗ not started · — not applicable. "
            "An empty cell: no status recorded yet."
        ),
        "platform.recs.national": "National recommendations",
        "platform.recs.texts": "Text of the recommendations",
        "platform.recs.history": "History of changes (newest first)",
        "platform.recs.none": "No recommendation status in this area up to this date.",
        "platform.recs.first": "(first record)",
        "platform.recs.country": "National level",
        "platform.col.municipality": "Municipality",
        "platform.col.code": "Code",
        "platform.col.recommendation": "Recommendation",
        "platform.col.status": "Status",
        "platform.col.previous": "Previous status",
        "platform.col.new": "New status",
        "platform.col.note": "Note",
        "platform.col.addressed": "Addressed",
        "platform.col.tracked": "Tracked",
        "platform.col.counts_as_addressed": "Counts as addressed",
        "platform.col.status_date": "Status date",
        "platform.sheet.workshops": "Workshops",
        "platform.sheet.types": "Participants by party",
        "platform.sheet.mediators": "Mediators",
        "platform.sheet.status": "Recommendation status",
        "platform.sheet.history": "Recommendation history",
    },
}
