-- NVA 7.4.1 participant months as loaded: every row of every quarterly extract, typed, with
-- coded values mapped to the labels the indicators use (the codes as delivered are kept).
-- extract_period (the quarter of the file) identifies the extract a row belongs to: a resent
-- quarter supersedes the whole earlier quarter in int_nva__participant_months_current.

with

source as (

    select * from {{ source('nva', 'participant_months') }}

),

renamed as (

    select
        -- keys
        cast(reporting_month as date) as reporting_month,
        {{ period_start('quarter', 'cast(reporting_month as date)') }} as extract_period,
        lower(trim(participant_key)) as participant_key,

        -- geography (as delivered: ATVK vintage in force in the reporting month)
        trim(municipality_atvk) as municipality_atvk,
        {{ atvk_vintage('cast(reporting_month as date)') }} as municipality_atvk_vintage,
        trim(municipality_name) as municipality_name,

        -- person
        {{ sex_columns() }},
        cast(birth_year as integer) as birth_year,
        {{ education_level_columns() }},
        {{ ethnicity_columns() }},
        nfc_normalize(lower(trim(target_group))) as target_group,

        -- participation
        cast(entry_date as date) as entry_date,
        cast(exit_date as date) as exit_date,
        upper(trim(measures_received)) as measures_received,
        nfc_normalize(lower(trim(outcome_on_leaving))) as outcome_on_leaving_code,
        {{ leaving_outcome_label('nfc_normalize(lower(trim(outcome_on_leaving)))') }}
            as outcome_on_leaving,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select
        *,
        {{ ethnicity_flags() }},
        -- the contract: an outcome on leaving is given exactly when an exit date is given
        (exit_date is null) = (outcome_on_leaving_code is null) as is_outcome_consistent_with_exit
    from renamed

)

select * from final
