"""NVA, ESF measure "Atbalsts ilgstošajiem bezdarbniekiem" (support for long-term unemployed),
labelled SAM 7.4.1 in the Roma Platform report (public Operational Programme texts file NVA's
support to long-term unemployed under SAM 9.1.1; the code is a data value, kept as the report
writes it).

Two quarterly extracts: participant months (one row per participant per month of support) and the
six-month follow-up results of leavers.
"""

from datetime import date

from roma_monitor.contracts.base import Column, Contract, ReferenceByPeriod

SEXES = ("V", "S")  # vīrietis / sieviete
ETHNICITIES = ("romu", "cita", "nav norādīta")  # self-declared; "not stated" stays unknown
# ISCED 2011 level as NVA records it; "nav zināms" = not known.
EDUCATION_LEVELS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "nav zināms")
# The project's four target groups (report, section on SAM 7.4.1, "Projekta mērķa grupa ir
# bezdarbnieki: 1) … 4) …").
TARGET_GROUPS = (
    "ilgstošs",  # 1) bez darba vismaz 12 mēnešus
    "atteicies",  # 2) bez darba >= 12 mēnešus un atteicies no piemērota darba / pasākumiem
    "atkarība",  # 3) atkarība atbilstoši narkologa atzinumam
    "iesp_atkarība",  # 4) iespējama atkarība, narkologa atzinums nav saņemts
)
# The project's five types of support (report: "NVA nodrošina šādus atbalsta pasākumus: 1) … 5)").
MEASURES = (
    "KONS",  # 1) individuālas un grupu speciālistu konsultācijas (karjeras, psihologa, …)
    "VESEL",  # 2) veselības pārbaudes pie arodslimību ārsta
    "PIEM",  # 3) profesionālās piemērotības noteikšana (sadarbībā ar SIVA)
    "MOT",  # 4) motivācijas programma darba meklēšanai ar sociālā mentora pakalpojumiem
    "ATK",  # 5) atbalsta pasākumi bezdarbniekiem ar atkarības problēmām
)
OUTCOMES = ("nodarbināts", "izglītībā", "meklē darbu", "neaktīvs", "nav zināms")

_MEASURE = {
    "source": "nva",
    "agency": "NVA",
    "agency_name_lv": "Nodarbinātības valsts aģentūra",
    "measure_code": "7.4.1",
    "measure_name_lv": "Atbalsts ilgstošajiem bezdarbniekiem",
    "measure_name_en": "Support for long-term unemployed",
}

_PARTICIPANT_KEY = Column(
    "participant_key",
    "key",
    "Pseudonymous participant key: HMAC-SHA-256 of the personal code with the agency's secret "
    "key, 64 lowercase hex characters. Never the personal code itself. The same person has the "
    "same key in both NVA files.",
    "Pseidonimizēts dalībnieka identifikators: personas koda HMAC-SHA-256 ar aģentūras slepeno "
    "atslēgu, 64 heksadecimālas zīmes. Nekad pats personas kods.",
    example="3f7a…(64)",
)

_OUTCOME_TEXT_EN = (
    "nodarbināts = employed (incl. self-employed), izglītībā = in education or training, "
    "meklē darbu = job searching, neaktīvs = inactive, nav zināms = not known"
)

NVA_PARTICIPANT_MONTHS = Contract(
    **_MEASURE,
    dataset="nva_participant_months",
    description=(
        "One row per participant per month in which the participant received support in the "
        "project 'Atbalsts ilgstošajiem bezdarbniekiem' (support for long-term unemployed: "
        "specialist consultations, occupational health checks, professional suitability "
        "assessment, motivation programme with a social mentor, addiction support). "
        "A quarterly file holds the three months of its quarter."
    ),
    file_pattern=r"NVA_741_DAL_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="NVA_741_DAL_2017Q1.csv",
    frequency="quarterly",
    period_kind="quarter",
    period_column="reporting_month",
    unique_key=("reporting_month", "participant_key"),
    date_order=(("exit_date", "entry_date"),),
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
            "Month of support, YYYY-MM; one of the three months of the quarter in the file name",
            "Atbalsta mēnesis, GGGG-MM; viens no faila nosaukuma ceturkšņa mēnešiem",
            example="2017-02",
        ),
        _PARTICIPANT_KEY,
        Column(
            "municipality_atvk",
            "code",
            "Municipality of residence, ATVK code of the classification in force in the reporting "
            "month (119 units before 01.07.2021, 43 from 01.07.2021)",
            "Dzīvesvietas pašvaldība, ATVK kods pēc pārskata mēnesī spēkā esošās klasifikācijas",
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
            "Year of birth",
            "Dzimšanas gads",
            min_value=1940,
            max_value=2005,
            example="1972",
        ),
        Column(
            "education_level",
            "code",
            "Highest education attained, ISCED 2011 level 0 to 8, or 'nav zināms' (not known)",
            "Augstākais iegūtais izglītības līmenis, ISCED 2011 līmenis 0–8, vai 'nav zināms'",
            allowed=EDUCATION_LEVELS,
            example="1",
        ),
        Column(
            "ethnicity",
            "code",
            "Self-declared ethnicity: romu, cita, nav norādīta. NVA must not estimate it.",
            "Pašdeklarēta etniskā piederība: romu, cita, nav norādīta",
            allowed=ETHNICITIES,
            example="nav norādīta",
        ),
        Column(
            "target_group",
            "code",
            "Target group of the project the participant belongs to: ilgstošs = unemployed for "
            "at least 12 months; atteicies = unemployed for at least 12 months who refused a "
            "suitable job offer or active labour-market measures at least once; atkarība = "
            "alcohol, drug or psychotropic substance addiction confirmed by a narcologist; "
            "iesp_atkarība = possible addiction without a narcologist's opinion",
            "Projekta mērķa grupa: ilgstošs – bez darba vismaz 12 mēnešus; atteicies – bez darba "
            "vismaz 12 mēnešus un atteicies no piemērota darba piedāvājuma vai pasākumiem; "
            "atkarība – atkarība atbilstoši narkologa atzinumam; iesp_atkarība – iespējama "
            "atkarība, nav narkologa atzinuma",
            allowed=TARGET_GROUPS,
            example="ilgstošs",
        ),
        Column(
            "entry_date",
            "date",
            "Date the participant entered the project, DD.MM.YYYY",
            "Iesaistes datums projektā, DD.MM.GGGG",
            example="13.02.2017",
        ),
        Column(
            "exit_date",
            "date",
            "Date the participant left the project, DD.MM.YYYY; empty while in support, filled "
            "in the row of the month of exit",
            "Projekta pamešanas datums, DD.MM.GGGG; tukšs, kamēr atbalsts turpinās",
            required=False,
            example="28.06.2017",
        ),
        Column(
            "measures_received",
            "code_list",
            "Support received in the month, '|'-separated: KONS specialist consultations "
            "(career, psychologist, psychotherapist), VESEL health check by an occupational "
            "physician, PIEM professional suitability assessment (with SIVA), MOT motivation "
            "programme with a social mentor, ATK addiction support",
            "Mēnesī saņemtie atbalsta pasākumi, atdalīti ar '|'",
            allowed=MEASURES,
            example="KONS|MOT",
        ),
        Column(
            "outcome_on_leaving",
            "code",
            "Situation on leaving (within 4 weeks of exit): " + _OUTCOME_TEXT_EN + ". Required "
            "when exit_date is given, empty otherwise",
            "Situācija, pametot projektu: nodarbināts, izglītībā, meklē darbu, neaktīvs, "
            "nav zināms. Obligāts, ja norādīts pamešanas datums",
            required=False,
            allowed=OUTCOMES,
            example="meklē darbu",
        ),
    ),
    notes=(
        "Send one file a quarter, by the 20th of the month after the quarter, with a row for "
        "every participant for every month of the quarter in which they received support.",
        "A corrected file for a past quarter is sent under the same name; it supersedes the "
        "whole earlier file of that quarter.",
        "outcome_on_leaving is given exactly when exit_date is given (checked in the warehouse).",
    ),
)

NVA_FOLLOWUPS = Contract(
    **_MEASURE,
    dataset="nva_followups",
    description=(
        "Six-month follow-up of leavers of the project 'Atbalsts ilgstošajiem bezdarbniekiem': "
        "one row per exit whose six-month follow-up falls in the quarter of the file (the "
        "quarter containing the date six months after exit)."
    ),
    file_pattern=r"NVA_741_REZ_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="NVA_741_REZ_2017Q3.csv",
    frequency="quarterly",
    period_kind="quarter",
    period_column="followup_quarter",
    unique_key=("participant_key", "exit_date"),
    date_order=(("followup_date", "exit_date"),),
    columns=(
        Column(
            "followup_quarter",
            "quarter",
            "Quarter of the follow-up, YYYY-Qn; equals the quarter in the file name",
            "Rezultāta pārbaudes ceturksnis, GGGG-Qn; sakrīt ar ceturksni faila nosaukumā",
            example="2017-Q3",
        ),
        _PARTICIPANT_KEY,
        Column(
            "exit_date",
            "date",
            "Date the participant left the project, DD.MM.YYYY (as in the participant file)",
            "Projekta pamešanas datums, DD.MM.GGGG",
            example="28.02.2017",
        ),
        Column(
            "followup_date",
            "date",
            "Date the situation six months after leaving was established, DD.MM.YYYY",
            "Datums, kurā noskaidrota situācija sešus mēnešus pēc projekta pamešanas",
            example="31.08.2017",
        ),
        Column(
            "outcome_6_months",
            "code",
            "Situation six months after leaving: " + _OUTCOME_TEXT_EN,
            "Situācija sešus mēnešus pēc projekta pamešanas: nodarbināts, izglītībā, "
            "meklē darbu, neaktīvs, nav zināms",
            allowed=OUTCOMES,
            example="nodarbināts",
        ),
    ),
    notes=(
        "Send one file a quarter with the follow-ups of every leaver whose exit date plus six "
        "months falls in the quarter; a leaver who could not be reached is sent as 'nav zināms'.",
        "A corrected file for a past quarter is sent under the same name; it supersedes the "
        "whole earlier file of that quarter.",
    ),
)
