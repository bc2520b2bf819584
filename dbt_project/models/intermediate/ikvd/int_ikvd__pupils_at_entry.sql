-- One row per pupil, described by the pupil's entry record: the first month in which the pupil
-- appears in the current extracts (the first month of support under the first individual plan).
-- A pupil is counted once, at entry; later plans, moves to another school or municipality and
-- changes of declared ethnicity do not change the count.
--
-- Incremental by key: a build recomputes the keys whose months changed (rows_of_changed_keys).

{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='pupil_key',
    on_schema_change='fail',
    pre_hook="{{ incremental_delete_gone_keys(ref('int_ikvd__pupil_months_current'), ['pupil_key']) }}"
) }}

with

pupil_months as (

    -- every key's months in a full build; otherwise those of the keys whose months changed
    {{ rows_of_changed_keys(ref('int_ikvd__pupil_months_current'), ['pupil_key']) }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

entry_records as (

    {{ first_month_rows('pupil_months', 'pupil_key') }}

),

final as (

    select
        entry_records.pupil_key,
        entry_records.reporting_month as entry_month,
        entry_records.institution_code as entry_institution_code,
        entry_records.municipality_atvk as entry_municipality_atvk,
        entry_records.municipality_atvk_vintage as entry_municipality_atvk_vintage,
        municipalities.atvk_2021 as municipality_atvk_2021,
        municipalities.planning_region_code,
        entry_records.sex,
        entry_records.birth_year,
        entry_records.grade as grade_at_entry,
        entry_records.education_programme as education_programme_at_entry,
        entry_records.education_level as education_level_at_entry,
        entry_records.ethnicity as ethnicity_at_entry,
        entry_records.is_roma as is_roma_at_entry,
        entry_records.is_ethnicity_stated as is_ethnicity_stated_at_entry,
        entry_records.is_needy_family as is_needy_family_at_entry,
        entry_records.support_type_codes as support_type_codes_at_entry,
        entry_records.specialist_codes as specialist_codes_at_entry,
        entry_records.extract_sha256 as entry_extract_sha256,
        entry_records.rows_fingerprint
    from entry_records
    left join municipalities
        on
            entry_records.municipality_atvk = municipalities.atvk_code
            and entry_records.municipality_atvk_vintage = municipalities.atvk_vintage

)

select * from final
