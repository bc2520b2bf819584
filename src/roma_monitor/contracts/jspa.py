"""JSPA, ESF SAM 8.3.3 "PROTI un DARI!" (NEET youth aged 15-29 not registered at NVA): quarterly
extracts of individual-programme months and of the 6-month follow-ups of leavers.

The report (section on SAM 8.3.3) describes the process: outreach, profiling, an individual
programme of 1 to 9 months agreed in writing, regular individual mentor support of at least 20
hours a month, four mandatory components (personal development, social inclusion, "work ethic",
lifelong-learning competences); the aim on leaving is education, participation in an NGO or youth
centre, or employment.
"""

from roma_monitor.contracts import columns as shared
from roma_monitor.contracts.base import Column, Contract

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

_MEASURE = {
    "source": "jspa",
    "agency": "JSPA",
    "agency_name_lv": "Jaunatnes starptautisko programmu aģentūra",
    "measure_code": "8.3.3",
    "measure_name_lv": "PROTI un DARI!",
    "measure_name_en": "PROTI un DARI! (skills and engagement of NEET youth not registered at NVA)",
}
_RESENT_NOTES = (
    "Send one file a quarter, by the 20th of the month after the quarter.",
    "A corrected file for a past quarter is sent under the same name; it supersedes the "
    "earlier file of that quarter entirely.",
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
    **_MEASURE,
    dataset="jspa_participant_months",
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
    references_by_period=(shared.atvk_vintage_by("reporting_month"),),
    columns=(
        shared.reporting_month(
            "Month of the individual programme the row describes, YYYY-MM; within the quarter in "
            "the file name",
            "Individuālās programmas mēnesis, GGGG-MM; faila nosaukumā norādītajā ceturksnī",
            example="2017-02",
        ),
        shared.participant_key(),
        shared.municipality_atvk(
            "Municipality (cooperation partner) where the youth takes part",
            "Pašvaldība (sadarbības partneris), kurā jaunietis piedalās",
            example="0050000",
        ),
        shared.municipality_name("Daugavpils"),
        shared.sex("V"),
        shared.birth_year(
            "Year of birth (the youth is 15-29 years old at profiling)",
            "Dzimšanas gads (profilēšanas brīdī jaunietis ir 15–29 gadus vecs)",
            min_value=1985,
            max_value=2008,
            example="1998",
        ),
        shared.education_level(
            "Highest education attained at profiling: ISCED 2011 level 0-8, or 'nav zināms'",
            "Augstākā iegūtā izglītība profilēšanas brīdī: ISCED 2011 līmenis 0–8 vai 'nav zināms'",
            example="2",
        ),
        shared.ethnicity(),
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
        *_RESENT_NOTES,
        "An individual programme is identified by participant_key and programme_start_date. "
        "outcome_on_leaving is required when programme_status is pabeigta or pārtraukta and "
        "must be empty otherwise (checked in the warehouse, not yet by the gate).",
    ),
)

JSPA_FOLLOWUPS = shared.followups_contract(
    _MEASURE,
    dataset="jspa_followups",
    description=(
        "One row per leaver whose 6-month follow-up fell due in the quarter (exit date + 6 "
        "months): the youth's situation six months after leaving the individual programme. A "
        "leaver who could not be reached is sent with outcome 'nav zināms' and no follow-up date."
    ),
    file_pattern=r"JSPA_833_REZ_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="JSPA_833_REZ_2017Q3.csv",
    key=shared.participant_key(),
    quarter=(
        "Quarter in which the 6-month follow-up fell due (exit date + 6 months), YYYY-Qn; "
        "equals the quarter in the file name",
        "Ceturksnis, kurā bija jāveic apsekojums 6 mēnešus pēc dalības beigām, GGGG-Qn",
        "2017-Q3",
    ),
    exit_date=(
        "Date the individual programme ended (the programme_end_date of its last month)",
        "Individuālās programmas beigu datums",
        "22.01.2017",
    ),
    followup_date=(
        "Date the situation was ascertained, DD.MM.YYYY; empty if the youth was not reached",
        "Apsekojuma datums; tukšs, ja jaunieti neizdevās sazināt",
        "25.07.2017",
    ),
    followup_date_required=False,
    outcome=(
        "Situation six months after leaving: " + _OUTCOME_EN,
        "Situācija 6 mēnešus pēc dalības beigām: " + _OUTCOME_LV,
        "nodarbināts",
    ),
    outcomes=OUTCOMES,
    outcome_max_length=30,
    notes=_RESENT_NOTES,
)
