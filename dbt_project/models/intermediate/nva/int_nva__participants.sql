-- One row per NVA 7.4.1 participant (current extracts only), described by the entry record (the
-- first reporting month the key appears in) and by the first exit. The ESF counting rule counts
-- a person once, at entry, in the municipality of entry; a re-entry, a move or a later change of
-- declared ethnicity changes nothing. Results are counted once per person, at the first exit.
--
-- Incremental by key: a build recomputes the keys whose months changed (rows_of_changed_keys).

{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='participant_key',
    on_schema_change='fail',
    pre_hook="{{ incremental_delete_gone_keys(ref('int_nva__participant_months_current'), ['participant_key']) }}"
) }}

with

participant_months as (

    -- every key's months in a full build; otherwise those of the keys whose months changed
    {{ rows_of_changed_keys(ref('int_nva__participant_months_current'), ['participant_key']) }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

exit_records_ranked as (

    select
        participant_key,
        exit_date,
        outcome_on_leaving_code,
        outcome_on_leaving,
        row_number() over (
            partition by participant_key
            order by exit_date, reporting_month
        ) as exit_rank
    from participant_months
    where exit_date is not null

),

entry_records as (

    {{ first_month_rows('participant_months', 'participant_key') }}

),

first_exits as (

    select *
    from exit_records_ranked
    where exit_rank = 1

),

final as (

    select
        entry_records.participant_key,

        -- entry
        entry_records.reporting_month as entry_month,
        entry_records.entry_date,
        entry_records.municipality_atvk as entry_municipality_atvk,
        entry_records.municipality_atvk_vintage as entry_municipality_atvk_vintage,
        municipalities.atvk_2021 as municipality_atvk_2021,
        municipalities.planning_region_code,
        entry_records.sex,
        entry_records.birth_year,
        {{ age_band('entry_records.reporting_month', 'entry_records.birth_year') }}
            as age_band,
        entry_records.education_level_code as education_level_code_at_entry,
        entry_records.education_level as education_level_at_entry,
        entry_records.ethnicity as ethnicity_at_entry,
        entry_records.is_roma as is_roma_at_entry,
        entry_records.target_group as target_group_at_entry,

        -- first exit
        first_exits.exit_date as first_exit_date,
        {{ period_start('month', 'first_exits.exit_date') }} as first_exit_month,
        first_exits.outcome_on_leaving_code,
        first_exits.outcome_on_leaving,

        -- lineage
        entry_records.extract_sha256 as entry_extract_sha256,
        entry_records.rows_fingerprint
    from entry_records
    left join municipalities
        on
            entry_records.municipality_atvk = municipalities.atvk_code
            and entry_records.municipality_atvk_vintage = municipalities.atvk_vintage
    left join first_exits
        on entry_records.participant_key = first_exits.participant_key

)

select * from final
