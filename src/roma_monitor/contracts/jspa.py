"""JSPA, ESF SAM 8.3.3 "PROTI un DARI!" (NEET youth aged 15-29 not registered at NVA): quarterly
extracts of individual-programme months and of the 6-month follow-ups of leavers.

The report (section on SAM 8.3.3) describes the process: outreach, profiling, an individual
programme of 1 to 9 months agreed in writing, regular individual mentor support of at least 20
hours a month, four mandatory components (personal development, social inclusion, "work ethic",
lifelong-learning competences); the aim on leaving is education, participation in an NGO or youth
centre, or employment.
"""

from datetime import date

from roma_monitor.contracts.base import Column, Contract, ReferenceByPeriod

SEXES = ("V", "S")  # vīrietis / sieviete
ETHNICITIES = ("romu", "cita", "nav norādīta")  # self-declared; "not stated" stays unknown
# ISCED 2011 level of the highest education attained, as recorded at profiling.
EDUCATION_LEVELS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "nav zināms")
PROGRAMME_STATUSES = (
    "turpinās",  # the individual programme continues
    "pabeigta",  # completed
    "pārtraukta",  # discontinued (left early)
)
ENDED_STATUSES = ("pabeigta", "pārtraukta")
# The four mandatory components of the individual programme.
COMPONENTS = (
    "PA",  # personības attīstība (personal development)
    "IS",  # iekļaušanās sabiedrībā (social inclusion)
    "DT",  # "darba tikums" (work ethic)
    "MK",  # mūžizglītības kompetences (lifelong-learning competences)
)
OUTCOMES = (
    "izglītībā",  # in education or training (incl. apprenticeship with a master craftsman)
    "NVO/jauniešu centrā",  # taking part in an NGO's or a youth centre's activities
    "nodarbināts",  # employed (incl. self-employed)
    "meklē darbu",  # job searching, registered as unemployed at NVA
    "neaktīvs",  # none of the above
    "nav zināms",  # not known
)

_KEY_DESCRIPTION_EN = (
    "Pseudonymous participant key: HMAC-SHA-256 of the personal code with the agency's secret "
    "key, 64 lowercase hex characters. Never the personal code itself."
)
_KEY_DESCRIPTION_LV = (
    "Pseidonimizēts dalībnieka identifikators: personas koda HMAC-SHA-256 ar aģentūras slepeno "
    "atslēgu, 64 heksadecimālas zīmes. Nekad pats personas kods."
)
_OUTCOME_EN = (
    "izglītībā = in education or training; NVO/jauniešu centrā = taking part in an NGO or youth "
    "centre; nodarbināts = employed; meklē darbu = job searching, registered at NVA; "
    "neaktīvs = none of these; nav zināms = not known"
)
_OUTCOME_LV = (
    "izglītībā; NVO/jauniešu centrā; nodarbināts; meklē darbu (reģistrējies NVA); neaktīvs; "
    "nav zināms"
)

JSPA_PARTICIPANT_MONTHS = Contract(
    source="jspa",
    dataset="jspa_participant_months",
    agency="JSPA",
    agency_name_lv="Jaunatnes starptautisko programmu aģentūra",
    measure_code="8.3.3",
    measure_name_lv="PROTI un DARI!",
    measure_name_en="PROTI un DARI! (skills and engagement of NEET youth not registered at NVA)",
    description=(
        "One row per participant per month of the participant's individual programme "
        "(individuālā pasākumu programma) in the project 'PROTI un DARI!': NEET youth aged 15-29 "
        "who do not study, work or learn a trade and are not registered at NVA. A quarterly file "
        "holds the months of its quarter."
    ),
    file_pattern=r"JSPA_833_DAL_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="JSPA_833_DAL_2017Q1.csv",
    frequency="quarterly",
    period_kind="quarter",
    period_column="reporting_month",
    unique_key=("reporting_month", "participant_key"),
    date_order=(
        ("programme_start_date", "profiling_date"),
        ("programme_end_date", "programme_start_date"),
    ),
    references_by_period=(
        ReferenceByPeriod(
            column="municipality_atvk",
            period_column="reporting_month",
            switch_date=date(2021, 7, 1),
            reference_before="atvk_2009",
            reference_from="atvk_2021",
        ),
    ),
    columns=(
        Column(
            "reporting_month",
            "month",
            "Month of the individual programme the row describes, YYYY-MM; within the quarter in "
            "the file name",
            "Individuālās programmas mēnesis, GGGG-MM; faila nosaukumā norādītajā ceturksnī",
            example="2017-02",
        ),
        Column(
            "participant_key",
            "key",
            _KEY_DESCRIPTION_EN,
            _KEY_DESCRIPTION_LV,
            example="3f7a…(64)",
        ),
        Column(
            "municipality_atvk",
            "code",
            "Municipality (cooperation partner) where the youth takes part, ATVK code of the "
            "classification in force in the reporting month (119 units before 01.07.2021, 43 "
            "from 01.07.2021)",
            "Pašvaldība (sadarbības partneris), kurā jaunietis piedalās, ATVK kods pēc pārskata "
            "mēnesī spēkā esošās klasifikācijas",
            allowed_reference="atvk_2009|atvk_2021",
            example="0050000",
        ),
        Column(
            "municipality_name",
            "text",
            "Municipality name as the agency records it",
            "Pašvaldības nosaukums",
            max_length=60,
            example="Daugavpils",
        ),
        Column(
            "sex",
            "code",
            "Sex: V = male, S = female",
            "Dzimums: V – vīrietis, S – sieviete",
            allowed=SEXES,
            example="V",
        ),
        Column(
            "birth_year",
            "integer",
            "Year of birth (the youth is 15-29 years old at profiling)",
            "Dzimšanas gads (profilēšanas brīdī jaunietis ir 15–29 gadus vecs)",
            min_value=1985,
            max_value=2008,
            example="1998",
        ),
        Column(
            "education_level",
            "code",
            "Highest education attained at profiling: ISCED 2011 level 0-8, or 'nav zināms'",
            "Augstākā iegūtā izglītība profilēšanas brīdī: ISCED 2011 līmenis 0–8 vai 'nav zināms'",
            allowed=EDUCATION_LEVELS,
            example="2",
        ),
        Column(
            "ethnicity",
            "code",
            "Self-declared ethnicity: romu, cita, nav norādīta. Providers must not estimate it.",
            "Pašdeklarēta etniskā piederība: romu, cita, nav norādīta",
            allowed=ETHNICITIES,
            example="nav norādīta",
        ),
        Column(
            "profiling_date",
            "date",
            "Date of the youth's profiling (step 2), DD.MM.YYYY",
            "Jaunieša profilēšanas datums (2. solis), DD.MM.GGGG",
            example="16.01.2017",
        ),
        Column(
            "programme_start_date",
            "date",
            "Start of the individual programme (the day the agreement was signed), DD.MM.YYYY; "
            "not before the profiling date",
            "Individuālās pasākumu programmas sākuma datums (vienošanās parakstīšanas diena); "
            "ne agrāk par profilēšanas datumu",
            example="23.01.2017",
        ),
        Column(
            "programme_end_date",
            "date",
            "End of the individual programme, DD.MM.YYYY: the planned end while the programme "
            "continues, the actual end in the row of the month it ended; not before the start",
            "Individuālās programmas beigu datums: plānotais, kamēr programma turpinās; faktiskais "
            "tā mēneša rindā, kurā programma beidzās; ne agrāk par sākuma datumu",
            example="22.07.2017",
        ),
        Column(
            "programme_status",
            "code",
            "Status at the end of the month: turpinās = continues, pabeigta = completed, "
            "pārtraukta = discontinued. The row of the month the programme ended has pabeigta or "
            "pārtraukta; no rows follow it.",
            "Statuss mēneša beigās: turpinās, pabeigta, pārtraukta",
            allowed=PROGRAMME_STATUSES,
            example="turpinās",
        ),
        Column(
            "mentor_hours",
            "decimal",
            "Hours of individual mentor support in the month, decimal comma (the programme "
            "requires at least 20 hours a month)",
            "Individuālā mentora atbalsta stundas mēnesī, decimālkomats (ne mazāk kā 20 stundas "
            "mēnesī)",
            min_value=0,
            max_value=200,
            example="21,5",
        ),
        Column(
            "components_delivered",
            "code_list",
            "Mandatory components delivered in the month, '|'-separated: PA personal development, "
            "IS social inclusion, DT work ethic, MK lifelong-learning competences; empty if none",
            "Mēnesī īstenotās obligātās komponentes, atdalītas ar '|': PA personības attīstība, "
            "IS iekļaušanās sabiedrībā, DT darba tikums, MK mūžizglītības kompetences",
            required=False,
            allowed=COMPONENTS,
            example="PA|IS",
        ),
        Column(
            "outcome_on_leaving",
            "code",
            "Situation on leaving, in the row of the month the programme ended (status pabeigta "
            "or pārtraukta), empty otherwise: " + _OUTCOME_EN,
            "Situācija, beidzot dalību (programmas beigu mēneša rindā), citādi tukšs: "
            + _OUTCOME_LV,
            required=False,
            allowed=OUTCOMES,
            max_length=30,
            example="izglītībā",
        ),
    ),
    notes=(
        "Send one file a quarter, by the 20th of the month after the quarter.",
        "A corrected file for a past quarter is sent under the same name; it supersedes the "
        "earlier file of that quarter entirely.",
        "An individual programme is identified by participant_key and programme_start_date. "
        "outcome_on_leaving is required when programme_status is pabeigta or pārtraukta and "
        "must be empty otherwise (checked in the warehouse, not yet by the gate).",
    ),
)

JSPA_FOLLOWUPS = Contract(
    source="jspa",
    dataset="jspa_followups",
    agency="JSPA",
    agency_name_lv="Jaunatnes starptautisko programmu aģentūra",
    measure_code="8.3.3",
    measure_name_lv="PROTI un DARI!",
    measure_name_en="PROTI un DARI! (skills and engagement of NEET youth not registered at NVA)",
    description=(
        "One row per leaver whose 6-month follow-up fell due in the quarter (exit date + 6 "
        "months): the youth's situation six months after leaving the individual programme. A "
        "leaver who could not be reached is sent with outcome 'nav zināms' and no follow-up date."
    ),
    file_pattern=r"JSPA_833_REZ_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="JSPA_833_REZ_2017Q3.csv",
    frequency="quarterly",
    period_kind="quarter",
    period_column="followup_quarter",
    unique_key=("participant_key", "exit_date"),
    date_order=(("followup_date", "exit_date"),),
    columns=(
        Column(
            "followup_quarter",
            "quarter",
            "Quarter in which the 6-month follow-up fell due (exit date + 6 months), YYYY-Qn; "
            "equals the quarter in the file name",
            "Ceturksnis, kurā bija jāveic apsekojums 6 mēnešus pēc dalības beigām, GGGG-Qn",
            example="2017-Q3",
        ),
        Column(
            "participant_key",
            "key",
            _KEY_DESCRIPTION_EN,
            _KEY_DESCRIPTION_LV,
            example="3f7a…(64)",
        ),
        Column(
            "exit_date",
            "date",
            "Date the individual programme ended (the programme_end_date of its last month)",
            "Individuālās programmas beigu datums",
            example="22.01.2017",
        ),
        Column(
            "followup_date",
            "date",
            "Date the situation was ascertained, DD.MM.YYYY; empty if the youth was not reached",
            "Apsekojuma datums; tukšs, ja jaunieti neizdevās sazināt",
            required=False,
            example="25.07.2017",
        ),
        Column(
            "outcome_6_months",
            "code",
            "Situation six months after leaving: " + _OUTCOME_EN,
            "Situācija 6 mēnešus pēc dalības beigām: " + _OUTCOME_LV,
            allowed=OUTCOMES,
            max_length=30,
            example="nodarbināts",
        ),
    ),
    notes=(
        "Send one file a quarter, by the 20th of the month after the quarter.",
        "A corrected file for a past quarter is sent under the same name; it supersedes the "
        "earlier file of that quarter entirely.",
    ),
)
