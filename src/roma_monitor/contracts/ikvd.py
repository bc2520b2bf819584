"""IKVD, ESF SAM 8.3.4 "Samazināt priekšlaicīgu mācību pārtraukšanu, īstenojot preventīvus un
intervences pasākumus" (project 8.3.4.0/16/I/001 "Atbalsts priekšlaicīgas mācību pārtraukšanas
samazināšanai", "PuMPuRS", 03/2017-12/2022).

Three quarterly extracts:
- pupil months: one row per pupil at risk of early school leaving (PMP) per month of individual
  support (grades 5-12 of general education, years 1-4 of vocational education);
- entities: the cumulative register of the educational institutions, municipalities (agreements
  with IKVD) and youth NGO projects engaged so far, one snapshot per quarter;
- spending: the project's expenditure of the quarter by cost category, total and ESF.

Identifiers of institutions, agreements and projects are the project's own register ids
(`IZM-4312`, `PMP-P-017`, `PMP-N-0412`), never bare digit strings: a 10- or 11-digit number is
easily confused with a personal code, which the gate rejects anywhere in a file.
"""

from roma_monitor.contracts import columns as shared
from roma_monitor.contracts.base import Column, Contract

# Grades 5-12 of general (and special) education; P1-P4 = years 1-4 of vocational education.
GRADES = ("5", "6", "7", "8", "9", "10", "11", "12", "P1", "P2", "P3", "P4")
PROGRAMMES = ("vispārējā", "speciālā", "profesionālā")
YES_NO = ("jā", "nē")
# The five kinds of individual material support of the report ("Izglītojamajiem (sākot no 5
# klases) varēs kompensēt: …").
SUPPORT_TYPES = (
    "TRA",  # sabiedriskā transporta izdevumi vai speciālais transports (personām ar invaliditāti)
    "NAK",  # naktsmītne dienesta viesnīcā vai internātā
    "EDI",  # ēdināšana
    "MAC",  # individuālie mācību līdzekļi
    "APG",  # apģērbs, apavi, higiēnas preces (tikai trūcīgiem jauniešiem)
)
# The specialists of the report ("… piesaistīt nepieciešamos speciālistus - pedagogus,
# psihologus, sociālos pedagogus, logopēdus u.c.").
SPECIALISTS = (
    "PED",  # pedagogs
    "PSI",  # psihologs
    "SPED",  # sociālais pedagogs
    "LOG",  # logopēds
    "CIT",  # cits speciālists ("u.c.")
)
ENTITY_TYPES = ("iestāde", "pašvaldība", "projekts")
COST_CATEGORIES = (
    "atbalsts_skoleniem",  # individuālais materiālais un konsultatīvais atbalsts izglītojamajiem
    "pasvaldibu_projekti",  # pašvaldību PMP mazināšanas rīcības plāni un to īstenošana
    "nvo_projekti",  # jaunatnes NVO projekti darbam ar PMP riska jauniešiem
    "metodika_un_uzskaite",  # vadlīnijas, operatīvās uzskaites sistēma, pētnieki, pasniedzēji
    "administresana",  # projekta vadība un administrēšana
)

_MEASURE = {
    "source": "ikvd",
    "agency": "IKVD",
    "agency_name_lv": "Izglītības kvalitātes valsts dienests",
    "measure_code": "8.3.4",
    "measure_name_lv": "Samazināt priekšlaicīgu mācību pārtraukšanu, īstenojot preventīvus un "
    "intervences pasākumus",
    "measure_name_en": "Reducing early school leaving through preventive and intervention measures",
}

_RESENT_NOTE = (
    "A corrected file for a past quarter is sent under the same name; it supersedes the whole "
    "earlier file of that quarter."
)

_INSTITUTION_ID_EN = (
    "the institution's id in the PMP project register, 'IZM-' and four digits (e.g. IZM-4312); "
    "not the 10-digit number of the Register of Educational Institutions"
)
_INSTITUTION_ID_LV = (
    "iestādes identifikators PMP projekta uzskaitē, 'IZM-' un četri cipari (piem. IZM-4312); "
    "nevis Izglītības iestāžu reģistra 10 ciparu numurs"
)

IKVD_PUPIL_MONTHS = Contract(
    **_MEASURE,
    dataset="ikvd_pupil_months",
    description=(
        "One row per pupil at risk of early school leaving (PMP) per month in which the pupil "
        "received individual support under an individual support plan (material support and/or "
        "specialists) in the project 'Atbalsts priekšlaicīgas mācību pārtraukšanas "
        "samazināšanai' (PuMPuRS). A quarterly file holds the months of its quarter."
    ),
    file_pattern=r"IKVD_834_SKOL_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="IKVD_834_SKOL_2017Q4.csv",
    frequency="quarterly",
    period_kind="quarter",
    period_column="reporting_month",
    unique_key=("reporting_month", "pupil_key"),
    date_order=(
        ("plan_start_date", "risk_assessment_date"),
        ("plan_end_date", "plan_start_date"),
    ),
    references_by_period=(shared.atvk_vintage_by("reporting_month"),),
    columns=(
        shared.reporting_month(example="2017-10"),
        shared.participant_key(
            "pupil_key",
            person_en="pupil",
            person_lv="izglītojamā",
            holder_en="IKVD's",
            holder_lv="IKVD",
        ),
        Column(
            "institution_code",
            "text",
            "Educational institution the pupil attends in the month: " + _INSTITUTION_ID_EN,
            "Izglītības iestāde, kurā izglītojamais mācās: " + _INSTITUTION_ID_LV,
            max_length=12,
            example="IZM-4312",
        ),
        shared.municipality_atvk(
            "Municipality of the educational institution (whose agreement with IKVD funds the "
            "support)",
            "Izglītības iestādes pašvaldība",
            example="0050000",
        ),
        shared.sex("V"),
        shared.birth_year(min_value=1995, max_value=2012, example="2006"),
        Column(
            "grade",
            "code",
            "Grade attended in the month: 5 to 12 (general and special education) or P1 to P4 "
            "(year 1 to 4 of vocational education)",
            "Klase (5.–12.) vai profesionālās izglītības kurss (P1–P4)",
            allowed=GRADES,
            example="5",
        ),
        Column(
            "education_programme",
            "code",
            "Kind of education programme: vispārējā = general, speciālā = special education, "
            "profesionālā = vocational",
            "Izglītības programmas veids: vispārējā, speciālā, profesionālā",
            allowed=PROGRAMMES,
            example="vispārējā",
        ),
        shared.ethnicity("Schools", declared_by=" (declared by the pupil or the parents)"),
        Column(
            "needy_family",
            "code",
            "Whether the pupil's family has the status of a needy family (trūcīga ģimene): jā / "
            "nē. Clothing, shoes and hygiene goods (APG) are for needy families only.",
            "Vai ģimenei ir trūcīgas ģimenes statuss: jā / nē",
            allowed=YES_NO,
            example="nē",
        ),
        Column(
            "risk_assessment_date",
            "date",
            "Date the school assessed the pupil's risk of early school leaving, DD.MM.YYYY",
            "PMP riska izvērtēšanas datums, DD.MM.GGGG",
            example="02.10.2017",
        ),
        Column(
            "plan_start_date",
            "date",
            "Start date of the pupil's individual support plan, DD.MM.YYYY (not before the risk "
            "assessment)",
            "Individuālā atbalsta plāna sākuma datums, DD.MM.GGGG",
            example="09.10.2017",
        ),
        Column(
            "plan_end_date",
            "date",
            "End date of the individual support plan, DD.MM.YYYY; empty while the plan runs, "
            "filled in the row of the month the plan ends",
            "Individuālā atbalsta plāna beigu datums; tukšs, kamēr plāns turpinās",
            required=False,
            example="20.06.2018",
        ),
        Column(
            "support_types",
            "code_list",
            "Material support received in the month, '|'-separated: TRA public transport costs "
            "(or special transport for pupils with disabilities), NAK dormitory or boarding "
            "school accommodation, EDI meals, MAC individual learning materials, APG clothing, "
            "shoes and hygiene goods (needy families only); empty if only specialists helped",
            "Mēnesī saņemtais materiālais atbalsts, atdalīts ar '|'; tukšs, ja atbalstu "
            "sniedza tikai speciālisti",
            required=False,
            allowed=SUPPORT_TYPES,
            example="EDI|MAC",
        ),
        Column(
            "specialists",
            "code_list",
            "Specialists who supported the pupil in the month, '|'-separated: PED teacher, "
            "PSI psychologist, SPED social pedagogue, LOG speech therapist, CIT other; empty if "
            "only material support was received",
            "Speciālisti, kas mēnesī sniedza atbalstu, atdalīti ar '|': PED pedagogs, "
            "PSI psihologs, SPED sociālais pedagogs, LOG logopēds, CIT cits",
            required=False,
            allowed=SPECIALISTS,
            example="SPED",
        ),
    ),
    notes=(
        "Send one file a quarter, by the 20th of the month after the quarter, with a row for "
        "every pupil for every month of the quarter in which the pupil received support under "
        "an individual plan (no rows for months without support, e.g. the summer holidays).",
        _RESENT_NOTE,
        "Each row has at least one support type or specialist; APG only for needy families "
        "(both checked in the warehouse).",
        "Support is given only at institutions of municipalities with an agreement with IKVD; "
        "institution_code is an institution of the entities register (checked in the warehouse).",
    ),
)

IKVD_ENTITIES = Contract(
    **_MEASURE,
    dataset="ikvd_entities",
    description=(
        "The cumulative register of the project's participating entities at the end of the "
        "quarter: every educational institution providing systemic PMP support, every "
        "municipality agreement with IKVD and every youth NGO project engaged so far, one row "
        "each (entities that ended stay listed, with their end date)."
    ),
    file_pattern=r"IKVD_834_VIEN_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="IKVD_834_VIEN_2017Q2.csv",
    frequency="quarterly",
    period_kind="quarter",
    period_column="reporting_quarter",
    unique_key=("reporting_quarter", "entity_id"),
    date_order=(("ended_date", "joined_date"),),
    columns=(
        Column(
            "reporting_quarter",
            "quarter",
            "Quarter of the snapshot, YYYY-Qn; equals the quarter in the file name",
            "Ceturksnis, GGGG-Qn; sakrīt ar ceturksni faila nosaukumā",
            example="2017-Q2",
        ),
        Column(
            "entity_type",
            "code",
            "iestāde = educational institution; pašvaldība = municipality (one row per agreement "
            "with IKVD); projekts = youth NGO project",
            "iestāde – izglītības iestāde; pašvaldība – pašvaldība (rinda katram līgumam ar "
            "IKVD); projekts – jaunatnes NVO projekts",
            allowed=ENTITY_TYPES,
            example="pašvaldība",
        ),
        Column(
            "entity_id",
            "text",
            "Id in the PMP project register: institutions " + _INSTITUTION_ID_EN + "; municipality "
            "agreements 'PMP-P-' and three digits (a new agreement signed after the 2021 reform "
            "has a new id); NGO projects 'PMP-N-' and four digits",
            "Identifikators PMP projekta uzskaitē: iestādes 'IZM-NNNN'; pašvaldību līgumi "
            "'PMP-P-NNN'; NVO projekti 'PMP-N-NNNN'",
            max_length=12,
            example="PMP-P-017",
        ),
        Column(
            "entity_name",
            "text",
            "Name of the institution, the municipality, or the NGO and its project",
            "Iestādes, pašvaldības vai NVO un projekta nosaukums",
            max_length=150,
            example="Daugavpils pilsētas pašvaldība",
        ),
        shared.atvk_code(
            "municipality_atvk",
            "Municipality of the entity (for an agreement: the municipality that signed it), ATVK "
            "code of the classification in force on joined_date: an entity that joined before "
            "01.07.2021 keeps its 2009 code in every later snapshot; entities joining from "
            "01.07.2021 carry 2021 codes",
            "Pašvaldība, ATVK kods pēc pievienošanās datumā spēkā esošās klasifikācijas (pirms "
            "01.07.2021 pievienojušās vienības saglabā 2009. gada kodu)",
            example="0050000",
        ),
        Column(
            "joined_date",
            "date",
            "Date the entity joined: agreement signed, institution engaged, NGO project started, "
            "DD.MM.YYYY (not after the end of the quarter)",
            "Pievienošanās datums: līgums noslēgts, iestāde iesaistīta, projekts uzsākts",
            example="10.04.2017",
        ),
        Column(
            "ended_date",
            "date",
            "Date the entity ended (agreement ended or replaced, institution closed, project "
            "finished), DD.MM.YYYY; empty while active",
            "Darbības beigu datums; tukšs, kamēr darbojas",
            required=False,
            example="30.06.2021",
        ),
    ),
    notes=(
        "Send one file a quarter: the whole register as at the last day of the quarter, "
        "including entities that joined in earlier quarters and those that have ended.",
        _RESENT_NOTE,
        "municipality_atvk follows joined_date, not the quarter: 2021 codes only for entities "
        "that joined from 01.07.2021, 2009 codes only before (checked in the warehouse, with "
        "joined_date not after the end of the quarter).",
    ),
)

IKVD_SPENDING = Contract(
    **_MEASURE,
    dataset="ikvd_spending",
    description=(
        "The project's eligible expenditure in the quarter (not cumulative), one row per cost "
        "category: total and the ESF part (85 %)."
    ),
    file_pattern=r"IKVD_834_IZD_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="IKVD_834_IZD_2017Q2.csv",
    frequency="quarterly",
    period_kind="quarter",
    period_column="reporting_quarter",
    unique_key=("reporting_quarter", "cost_category"),
    columns=(
        Column(
            "reporting_quarter",
            "quarter",
            "Quarter of the expenditure, YYYY-Qn; equals the quarter in the file name",
            "Izdevumu ceturksnis, GGGG-Qn; sakrīt ar ceturksni faila nosaukumā",
            example="2017-Q2",
        ),
        Column(
            "cost_category",
            "code",
            "Cost category: atbalsts_skoleniem = individual support to pupils (material support "
            "and specialists); pasvaldibu_projekti = municipal PMP action plans; nvo_projekti = "
            "youth NGO projects; metodika_un_uzskaite = guidelines, the monitoring system, "
            "researchers and trainers; administresana = project management",
            "Izmaksu kategorija: atbalsts_skoleniem, pasvaldibu_projekti, nvo_projekti, "
            "metodika_un_uzskaite, administresana",
            allowed=COST_CATEGORIES,
            example="atbalsts_skoleniem",
        ),
        Column(
            "total_eur",
            "decimal",
            "Eligible expenditure of the quarter in the category, EUR, decimal comma, no "
            "thousands separator",
            "Ceturkšņa attiecināmie izdevumi, EUR, decimālkomats",
            min_value=0,
            max_value=9999999.99,
            example="125400,50",
        ),
        Column(
            "esf_eur",
            "decimal",
            "The ESF part of total_eur, EUR, decimal comma (85 % of eligible expenditure)",
            "ESF finansējuma daļa, EUR, decimālkomats",
            min_value=0,
            max_value=9999999.99,
            example="106590,43",
        ),
    ),
    notes=(
        "Send one file a quarter with every cost category that had expenditure in the quarter.",
        _RESENT_NOTE,
        "esf_eur may not exceed total_eur (checked in the warehouse).",
    ),
)
