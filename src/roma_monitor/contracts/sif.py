"""SIF, ESF SAM 9.1.4.4 "Dažādības veicināšana": monthly participant extract."""

from roma_monitor.contracts import columns as shared
from roma_monitor.contracts.base import Column, Contract

RISK_GROUPS = ("dzimums", "vecums", "invaliditāte", "etniskā piederība")
SERVICES = (
    "MOT",  # motivācijas paaugstināšanas programma
    "IND",  # individuālās konsultācijas
    "GRP",  # grupu konsultācijas
    "PSI",  # psihologa konsultācijas
    "KAR",  # karjeras konsultanta konsultācijas
    "ATK",  # speciālista atkarību jomā konsultācijas
)

SIF = Contract(
    source="sif",
    dataset="sif_participant_months",
    agency="SIF",
    agency_name_lv="Sabiedrības integrācijas fonds",
    measure_code="9.1.4.4",
    measure_name_lv="Dažādības veicināšana",
    measure_name_en="Promotion of diversity",
    description=(
        "One row per participant per month in which the participant received motivation or "
        "support services of the project 'Dažādības veicināšana' (discrimination prevention and "
        "social inclusion services for people at risk of exclusion or discrimination)."
    ),
    file_pattern=r"SIF_9144_(?P<period>\d{6})\.csv",
    file_example="SIF_9144_201709.csv",
    frequency="monthly",
    period_column="reporting_month",
    unique_key=("reporting_month", "participant_key"),
    date_order=(("service_end_date", "service_start_date"),),
    references_by_period=(shared.atvk_vintage_by("reporting_month"),),
    columns=(
        shared.reporting_month(
            "Reporting month, YYYY-MM; equals the month in the file name",
            "Pārskata mēnesis, GGGG-MM; sakrīt ar mēnesi faila nosaukumā",
            example="2017-09",
        ),
        shared.participant_key(),
        shared.municipality_atvk(example="0001000"),
        shared.municipality_name("Rīga"),
        shared.sex("S"),
        shared.birth_year(min_value=1920, max_value=2010, example="1984"),
        Column(
            "risk_groups",
            "code_list",
            "Discrimination risk grounds, '|'-separated: dzimums, vecums, invaliditāte, "
            "etniskā piederība",
            "Diskriminācijas riska pamati, atdalīti ar '|'",
            allowed=RISK_GROUPS,
            example="vecums|etniskā piederība",
        ),
        shared.ethnicity(),
        Column(
            "service_start_date",
            "date",
            "Date the participant started services, DD.MM.YYYY",
            "Pakalpojumu saņemšanas sākuma datums, DD.MM.GGGG",
            example="04.09.2017",
        ),
        Column(
            "service_end_date",
            "date",
            "Date the participant finished services, DD.MM.YYYY; empty while services continue",
            "Pakalpojumu saņemšanas beigu datums; tukšs, ja turpinās",
            required=False,
            example="29.12.2017",
        ),
        Column(
            "services",
            "code_list",
            "Services received in the month, '|'-separated: MOT motivation programme, "
            "IND individual and GRP group consultations, PSI psychologist, KAR career "
            "counsellor, ATK addiction specialist",
            "Mēnesī saņemtie pakalpojumi, atdalīti ar '|'",
            allowed=SERVICES,
            example="MOT|PSI",
        ),
        Column(
            "service_hours",
            "decimal",
            "Hours of services received in the month, decimal comma",
            "Mēnesī saņemto pakalpojumu stundas, decimālkomats",
            min_value=0.5,
            max_value=200,
            example="12,5",
        ),
    ),
    notes=(
        "Send one file a month, by the 15th of the following month.",
        "A corrected file for a past month is sent under the same name; "
        "it supersedes the earlier one.",
    ),
)
