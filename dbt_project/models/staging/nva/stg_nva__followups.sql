-- NVA 7.4.1 six-month follow-ups of leavers as loaded: every row of every quarterly extract,
-- typed, with the outcome mapped to the labels the indicators use (the code as delivered is
-- kept). followup_quarter (the quarter of the file) identifies the extract a row belongs to.

with

source as (

    select * from {{ source('nva', 'followups') }}

),

renamed as (

    select
        -- keys
        cast(followup_quarter as date) as followup_quarter,
        lower(trim(participant_key)) as participant_key,
        cast(exit_date as date) as exit_date,

        -- follow-up
        cast(followup_date as date) as followup_date,
        nfc_normalize(lower(trim(outcome_6_months))) as outcome_6_months_code,
        {{ leaving_outcome_label('nfc_normalize(lower(trim(outcome_6_months)))') }}
            as outcome_6_months,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select * from renamed

)

select * from final
