-- One row per participant, described by the participant's entry record: the first reporting
-- month the participant appears in (current extracts only). The ESF counting rule counts a
-- participant once, at entry; later moves, re-entries and changes of declared ethnicity do not
-- change the count.
--
-- Incremental by key: a build recomputes the keys whose months changed (rows_of_changed_keys).

{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='participant_key',
    on_schema_change='fail',
    pre_hook="{{ incremental_delete_gone_keys(ref('int_sif__participant_months_current'), ['participant_key']) }}"
) }}

with

participant_months as (

    -- every key's months in a full build; otherwise those of the keys whose months changed
    {{ rows_of_changed_keys(ref('int_sif__participant_months_current'), ['participant_key']) }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

entry_records as (

    {{ first_month_rows('participant_months', 'participant_key') }}

),

final as (

    select
        entry_records.participant_key,
        entry_records.reporting_month as entry_month,
        entry_records.municipality_atvk as entry_municipality_atvk,
        entry_records.municipality_atvk_vintage as entry_municipality_atvk_vintage,
        municipalities.atvk_2021 as municipality_atvk_2021,
        municipalities.planning_region_code,
        entry_records.ethnicity as ethnicity_at_entry,
        entry_records.is_roma as is_roma_at_entry,
        entry_records.is_ethnicity_stated as is_ethnicity_stated_at_entry,
        entry_records.sex,
        entry_records.birth_year,
        entry_records.risk_groups as risk_groups_at_entry,
        entry_records.extract_sha256 as entry_extract_sha256,
        entry_records.rows_fingerprint
    from entry_records
    left join municipalities
        on
            entry_records.municipality_atvk = municipalities.atvk_code
            and entry_records.municipality_atvk_vintage = municipalities.atvk_vintage

)

select * from final
