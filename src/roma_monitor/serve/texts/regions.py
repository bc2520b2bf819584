"""UI strings of the regions page (Latvian first, then English).

Keys are prefixed ``regionmap.``: the overview's ``regions.*`` keys live in i18n.py.
"""

STRINGS: dict[str, dict[str, str]] = {
    "lv": {
        "regionmap.title": "Reģioni un pašvaldības",
        "regionmap.indicator": "Rādītājs",
        "regionmap.indicator_caption": "SAM {sam} · {agency} · rādītājs {code}",
        "regionmap.level": "Teritoriju līmenis",
        "regionmap.level.planning_region": "Plānošanas reģioni (5)",
        "regionmap.level.municipality": "Pašvaldības (43, ATVK 2021)",
        "regionmap.period": "Periods: {month}.",
        "regionmap.no_indicators": "Izvēlētajam pasākumam nav rādītāju, ko rādīt kartē.",
        "regionmap.no_period_data": "Šim rādītājam par {month} nav publicētu datu pa teritorijām.",
        "regionmap.value": "Vērtība",
        "regionmap.share_of_national": "Daļa no valsts kopskaita",
        "regionmap.share_of_target": "Mērķa izpilde (valstī)",
        "regionmap.target_national_only": (
            "Mērķis noteikts tikai valstij kopumā, tāpēc mērķa izpilde reģioniem un "
            "pašvaldībām netiek rādīta."
        ),
        "regionmap.map_header": "Karte",
        "regionmap.map_alt": (
            "Kartogramma: {indicator}, {level}, {month}. Lielākā vērtība: {top} ({value}). "
            "Tie paši skaitļi ir tabulā zem kartes."
        ),
        "regionmap.no_data": "nav datu",
        "regionmap.click_hint": (
            "Noklikšķiniet uz teritorijas, lai atlasītu to visās lapās; visu Latviju var "
            "atkal izvēlēties sānjoslas filtrā „Teritorija”."
        ),
        "regionmap.selected": "Atlasītā teritorija ({area}) kartē apvilkta melnā kontūrā.",
        "regionmap.table_header": "Tabula",
        "regionmap.table_filtered": (
            "Tabulā tikai teritorijas, kas ietilpst atlasītajā: {area}. Visas teritorijas — "
            "sānjoslā izvēlieties „Latvija”."
        ),
        "regionmap.col.code": "Kods",
        "regionmap.col.area": "Teritorija",
        "regionmap.col.region": "Plānošanas reģions",
        "regionmap.col.value": "Vērtība",
        "regionmap.col.share": "Daļa no valsts kopskaita",
        "regionmap.col.roma": "Romi (pašu norādīti)",
        "regionmap.col.coverage": "Etniskās piederības pārklājums",
        "regionmap.mapping_note": (
            "Katrs dalībnieks vai notikums tiek skaitīts vienreiz — pašvaldībā, kurā "
            "iesaistījies (ATVK 2021 teritoriālais iedalījums); izrakstos norādītie pirms "
            "2021. gada reformas kodi pārkodēti ar oficiālo veco un jauno kodu atbilstības "
            "tabulu. Reģionu skaitļi ir to pašvaldību summa, tāpēc pārrēķini pēc "
            "vecā iedalījuma nesakritīs."
        ),
        "regionmap.per_capita_note": (
            "Rādītāji uz iedzīvotāju skaitu netiek rādīti: iedzīvotāju skaits nav daļa no "
            "publicētajiem datiem."
        ),
        "regionmap.sheet": "Teritorijas",
    },
    "en": {
        "regionmap.title": "Regions and municipalities",
        "regionmap.indicator": "Indicator",
        "regionmap.indicator_caption": "SAM {sam} · {agency} · indicator {code}",
        "regionmap.level": "Level",
        "regionmap.level.planning_region": "Planning regions (5)",
        "regionmap.level.municipality": "Municipalities (43, ATVK 2021)",
        "regionmap.period": "Period: {month}.",
        "regionmap.no_indicators": "The selected measure has no indicator that can be mapped.",
        "regionmap.no_period_data": "No figures by area have been published for {month}.",
        "regionmap.value": "Value",
        "regionmap.share_of_national": "Share of national total",
        "regionmap.share_of_target": "Share of target (national)",
        "regionmap.target_national_only": (
            "The target is set for the country as a whole, so no share of target is shown for "
            "regions and municipalities."
        ),
        "regionmap.map_header": "Map",
        "regionmap.map_alt": (
            "Choropleth map: {indicator}, {level}, {month}. Highest value: {top} ({value}). "
            "The same figures are in the table below the map."
        ),
        "regionmap.no_data": "no data",
        "regionmap.click_hint": (
            "Click an area to filter every page by it; choose all of Latvia again in the "
            "sidebar's “Area” filter."
        ),
        "regionmap.selected": "The selected area ({area}) is outlined in black on the map.",
        "regionmap.table_header": "Table",
        "regionmap.table_filtered": (
            "The table lists only the areas within the selection: {area}. For all areas, "
            "choose “Latvia” in the sidebar."
        ),
        "regionmap.col.code": "Code",
        "regionmap.col.area": "Area",
        "regionmap.col.region": "Planning region",
        "regionmap.col.value": "Value",
        "regionmap.col.share": "Share of national total",
        "regionmap.col.roma": "Roma (self-declared)",
        "regionmap.col.coverage": "Ethnicity coverage",
        "regionmap.mapping_note": (
            "Each participant or event is counted once, in the municipality of entry (ATVK 2021 "
            "territorial division); pre-reform codes in the extracts are mapped through the "
            "official old-to-new correspondence table. Region figures are the sum of their "
            "municipalities, so figures recomputed on the old division will differ."
        ),
        "regionmap.per_capita_note": (
            "No per-capita figures are shown: population counts are not part of the published data."
        ),
        "regionmap.sheet": "Areas",
    },
}
