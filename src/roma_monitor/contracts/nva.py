"""NVA, ESF measure "Atbalsts ilgstošajiem bezdarbniekiem" (support for long-term unemployed),
labelled SAM 7.4.1 in the Roma Platform report (public Operational Programme texts file NVA's
support to long-term unemployed under SAM 9.1.1; the code is a data value, kept as the report
writes it).

Two quarterly extracts: participant months (one row per participant per month of support) and the
six-month follow-up results of leavers.
"""

from roma_monitor.contracts import columns as shared
from roma_monitor.contracts.base import Column, Contract

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

_PARTICIPANT_KEY = shared.participant_key(
    note_en=" The same person has the same key in both NVA files."
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
    references_by_period=(shared.atvk_vintage_by("reporting_month"),),
    columns=(
        shared.reporting_month(example="2017-02"),
        _PARTICIPANT_KEY,
        shared.municipality_atvk(example="0050000"),
        shared.municipality_name("Daugavpils"),
        shared.sex("V"),
        shared.birth_year(min_value=1940, max_value=2005, example="1972"),
        shared.education_level(example="1"),
        shared.ethnicity("NVA"),
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
            "Dalības beigu datums projektā, DD.MM.GGGG; tukšs, kamēr atbalsts turpinās",
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
            "Situācija, beidzot dalību projektā (4 nedēļu laikā): nodarbināts, izglītībā, meklē "
            "darbu, neaktīvs, nav zināms. Obligāts, ja norādīts dalības beigu datums",
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

NVA_FOLLOWUPS = shared.followups_contract(
    _MEASURE,
    dataset="nva_followups",
    description=(
        "Six-month follow-up of leavers of the project 'Atbalsts ilgstošajiem bezdarbniekiem': "
        "one row per exit whose six-month follow-up falls in the quarter of the file (the "
        "quarter containing the date six months after exit)."
    ),
    file_pattern=r"NVA_741_REZ_(?P<period>\d{4}Q[1-4])\.csv",
    file_example="NVA_741_REZ_2017Q3.csv",
    key=_PARTICIPANT_KEY,
    quarter=(
        "Quarter of the follow-up, YYYY-Qn; equals the quarter in the file name",
        "Rezultāta pārbaudes ceturksnis, GGGG-Qn; sakrīt ar ceturksni faila nosaukumā",
        "2017-Q3",
    ),
    exit_date=(
        "Date the participant left the project, DD.MM.YYYY (as in the participant file)",
        "Dalības beigu datums projektā, DD.MM.GGGG",
        "28.02.2017",
    ),
    followup_date=(
        "Date the situation six months after leaving was established, DD.MM.YYYY",
        "Datums, kurā noskaidrota situācija sešus mēnešus pēc dalības beigām projektā",
        "31.08.2017",
    ),
    followup_date_required=True,
    outcome=(
        "Situation six months after leaving: " + _OUTCOME_TEXT_EN,
        "Situācija sešus mēnešus pēc dalības beigām projektā: nodarbināts, izglītībā, "
        "meklē darbu, neaktīvs, nav zināms",
        "nodarbināts",
    ),
    outcomes=OUTCOMES,
    notes=(
        "Send one file a quarter with the follow-ups of every leaver whose exit date plus six "
        "months falls in the quarter; a leaver who could not be reached is sent as 'nav zināms'.",
        "A corrected file for a past quarter is sent under the same name; it supersedes the "
        "whole earlier file of that quarter.",
    ),
)
