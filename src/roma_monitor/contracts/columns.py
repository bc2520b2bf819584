"""Columns and column rules that several agencies' contracts share.

Each factory returns the column as every contract that uses it defines it; what differs between
agencies (an example value, the range of birth years, who declares the ethnicity, …) is a
parameter. A contract whose column says something of its own passes its own description.
"""

from __future__ import annotations

from datetime import date

from roma_monitor.contracts.base import Column, Contract, ReferenceByPeriod

SEXES = ("V", "S")  # vīrietis / sieviete
ETHNICITIES = ("romu", "cita", "nav norādīta")  # self-declared; "not stated" stays unknown
# ISCED 2011 level of the highest education attained; "nav zināms" = not known.
EDUCATION_LEVELS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "nav zināms")

# The administrative-territorial reform: ATVK 2009 codes (119 units) before, 2021 codes (43) from.
REFORM_DATE = date(2021, 7, 1)
ATVK_EITHER_VINTAGE = "atvk_2009|atvk_2021"

ATVK_IN_REPORTING_MONTH_EN = (
    "ATVK code of the classification in force in the reporting month (119 units before "
    "01.07.2021, 43 from 01.07.2021)"
)
ATVK_IN_REPORTING_MONTH_LV = "ATVK kods pēc pārskata mēnesī spēkā esošās klasifikācijas"

MONTH_OF_QUARTER_EN = (
    "Month of support, YYYY-MM; one of the three months of the quarter in the file name"
)
MONTH_OF_QUARTER_LV = "Atbalsta mēnesis, GGGG-MM; viens no faila nosaukuma ceturkšņa mēnešiem"


def atvk_vintage_by(period_column: str, column: str = "municipality_atvk") -> ReferenceByPeriod:
    """`column` holds 2009 ATVK codes before the reform and 2021 codes from it, by the date in
    `period_column`."""
    return ReferenceByPeriod(
        column=column,
        period_column=period_column,
        switch_date=REFORM_DATE,
        reference_before="atvk_2009",
        reference_from="atvk_2021",
    )


def reporting_month(
    description_en: str = MONTH_OF_QUARTER_EN,
    description_lv: str = MONTH_OF_QUARTER_LV,
    *,
    example: str,
) -> Column:
    """The month a row describes (by default: a month of the quarter of a quarterly file)."""
    return Column("reporting_month", "month", description_en, description_lv, example=example)


def participant_key(
    name: str = "participant_key",
    *,
    person_en: str = "participant",
    person_lv: str = "dalībnieka",
    holder_en: str = "the agency's",
    holder_lv: str = "aģentūras",
    note_en: str = "",
) -> Column:
    """The pseudonymous key of a person: an HMAC of the personal code, never the code itself."""
    return Column(
        name,
        "key",
        f"Pseudonymous {person_en} key: HMAC-SHA-256 of the personal code with {holder_en} "
        f"secret key, 64 lowercase hex characters. Never the personal code itself.{note_en}",
        f"Pseidonimizēts {person_lv} identifikators: personas koda HMAC-SHA-256 ar {holder_lv} "
        "slepeno atslēgu, 64 heksadecimālas zīmes. Nekad pats personas kods.",
        example="3f7a…(64)",
    )


def atvk_code(
    name: str,
    description_en: str,
    description_lv: str,
    *,
    example: str,
    type: str = "code",
    required: bool = True,
    max_length: int = 200,
) -> Column:
    """A column of ATVK codes of either vintage (which one applies is a `ReferenceByPeriod`)."""
    return Column(
        name,
        type,  # type: ignore[arg-type]
        description_en,
        description_lv,
        required=required,
        allowed_reference=ATVK_EITHER_VINTAGE,
        max_length=max_length,
        example=example,
    )


def municipality_atvk(
    where_en: str = "Municipality of residence",
    where_lv: str = "Dzīvesvietas pašvaldība",
    *,
    example: str,
) -> Column:
    """The municipality of a monthly row, coded in the ATVK vintage of the reporting month."""
    return atvk_code(
        "municipality_atvk",
        f"{where_en}, {ATVK_IN_REPORTING_MONTH_EN}",
        f"{where_lv}, {ATVK_IN_REPORTING_MONTH_LV}",
        example=example,
    )


def municipality_name(example: str) -> Column:
    return Column(
        "municipality_name",
        "text",
        "Municipality name as the agency records it",
        "Pašvaldības nosaukums",
        max_length=60,
        example=example,
    )


def sex(example: str) -> Column:
    return Column(
        "sex",
        "code",
        "Sex: V = male, S = female",
        "Dzimums: V – vīrietis, S – sieviete",
        allowed=SEXES,
        example=example,
    )


def birth_year(
    description_en: str = "Year of birth",
    description_lv: str = "Dzimšanas gads",
    *,
    min_value: int,
    max_value: int,
    example: str,
) -> Column:
    return Column(
        "birth_year",
        "integer",
        description_en,
        description_lv,
        min_value=min_value,
        max_value=max_value,
        example=example,
    )


def ethnicity(who_must_not_estimate: str = "Providers", declared_by: str = "") -> Column:
    """Self-declared ethnicity; `declared_by` is an optional parenthesis after the term."""
    return Column(
        "ethnicity",
        "code",
        f"Self-declared ethnicity{declared_by}: romu, cita, nav norādīta. "
        f"{who_must_not_estimate} must not estimate it.",
        "Pašdeklarēta etniskā piederība: romu, cita, nav norādīta",
        allowed=ETHNICITIES,
        example="nav norādīta",
    )


def education_level(
    description_en: str = (
        "Highest education attained, ISCED 2011 level 0 to 8, or 'nav zināms' (not known)"
    ),
    description_lv: str = (
        "Augstākais iegūtais izglītības līmenis, ISCED 2011 līmenis 0–8, vai 'nav zināms'"
    ),
    *,
    example: str,
) -> Column:
    return Column(
        "education_level",
        "code",
        description_en,
        description_lv,
        allowed=EDUCATION_LEVELS,
        example=example,
    )


def followups_contract(
    measure: dict,
    *,
    dataset: str,
    description: str,
    file_pattern: str,
    file_example: str,
    key: Column,
    quarter: tuple[str, str, str],
    exit_date: tuple[str, str, str],
    followup_date: tuple[str, str, str],
    followup_date_required: bool,
    outcome: tuple[str, str, str],
    outcomes: tuple[str, ...],
    outcome_max_length: int = 200,
    notes: tuple[str, ...],
) -> Contract:
    """A quarterly file of the six-month follow-ups of a project's leavers: one row per exit
    whose follow-up falls in the quarter of the file. Each column's texts are given as
    (description_en, description_lv, example)."""
    return Contract(
        **measure,
        dataset=dataset,
        description=description,
        file_pattern=file_pattern,
        file_example=file_example,
        frequency="quarterly",
        period_kind="quarter",
        period_column="followup_quarter",
        unique_key=(key.name, "exit_date"),
        date_order=(("followup_date", "exit_date"),),
        columns=(
            Column("followup_quarter", "quarter", *quarter[:2], example=quarter[2]),
            key,
            Column("exit_date", "date", *exit_date[:2], example=exit_date[2]),
            Column(
                "followup_date",
                "date",
                *followup_date[:2],
                required=followup_date_required,
                example=followup_date[2],
            ),
            Column(
                "outcome_6_months",
                "code",
                *outcome[:2],
                allowed=outcomes,
                max_length=outcome_max_length,
                example=outcome[2],
            ),
        ),
        notes=notes,
    )
