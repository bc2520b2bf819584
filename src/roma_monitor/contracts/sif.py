"""SIF, ESF SAM 9.1.4.4 "Dažādības veicināšana": monthly participant extract."""

from datetime import date

from roma_monitor.contracts.base import Column, Contract, ReferenceByPeriod

SEXES = ("V", "S")  # vīrietis / sieviete
ETHNICITIES = ("romu", "cita", "nav norādīta")  # self-declared; "not stated" stays unknown
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
            "Reporting month, YYYY-MM; equals the month in the file name",
            "Pārskata mēnesis, GGGG-MM; sakrīt ar mēnesi faila nosaukumā",
            example="2017-09",
        ),
        Column(
            "participant_key",
            "key",
            "Pseudonymous participant key: HMAC-SHA-256 of the personal code with the agency's "
            "secret key, 64 lowercase hex characters. Never the personal code itself.",
            "Pseudonimizēts dalībnieka identifikators: personas koda HMAC-SHA-256 ar aģentūras "
            "slepeno atslēgu, 64 heksadecimālas zīmes. Nekad pats personas kods.",
            example="3f7a…(64)",
        ),
        Column(
            "municipality_atvk",
            "code",
            "Municipality of residence, ATVK code of the classification in force in the reporting "
            "month (119 units before 01.07.2021, 43 from 01.07.2021)",
            "Dzīvesvietas pašvaldība, ATVK kods pēc pārskata mēnesī spēkā esošās klasifikācijas",
            allowed_reference="atvk_2009|atvk_2021",
            example="0001000",
        ),
        Column(
            "municipality_name",
            "text",
            "Municipality name as the agency records it",
            "Pašvaldības nosaukums",
            max_length=60,
            example="Rīga",
        ),
        Column(
            "sex",
            "code",
            "Sex: V = male, S = female",
            "Dzimums: V – vīrietis, S – sieviete",
            allowed=SEXES,
            example="S",
        ),
        Column(
            "birth_year",
            "integer",
            "Year of birth",
            "Dzimšanas gads",
            min_value=1920,
            max_value=2010,
            example="1984",
        ),
        Column(
            "risk_groups",
            "code_list",
            "Discrimination risk grounds, '|'-separated: dzimums, vecums, invaliditāte, "
            "etniskā piederība",
            "Diskriminācijas riska pamati, atdalīti ar '|'",
            allowed=RISK_GROUPS,
            example="vecums|etniskā piederība",
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
