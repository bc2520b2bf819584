with

source as (

    select * from {{ source('jspa', 'followups') }}

),

renamed as (

    select
        -- keys
        cast(followup_quarter as date) as followup_quarter,
        lower(trim(participant_key)) as participant_key,
        cast(exit_date as date) as exit_date,

        -- the follow-up
        cast(followup_date as date) as followup_date,
        nfc_normalize(trim(outcome_6_months)) as outcome_6_months_code,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select
        *,
        {{ period_start('month', 'exit_date') }} as exit_month,
        followup_date is not null as is_reached,
        {{ leaving_outcome_label('outcome_6_months_code') }} as outcome_6_months
    from renamed

)

select * from final
