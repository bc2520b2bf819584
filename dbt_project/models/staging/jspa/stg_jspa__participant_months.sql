with

source as (

    select * from {{ source('jspa', 'participant_months') }}

),

renamed as (

    select
        -- keys
        cast(reporting_month as date) as reporting_month,
        -- the quarter of the file the row came from: a resent quarter supersedes it whole
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

        -- individual programme
        cast(profiling_date as date) as profiling_date,
        cast(programme_start_date as date) as programme_start_date,
        cast(programme_end_date as date) as programme_end_date,
        nfc_normalize(lower(trim(programme_status))) as programme_status_code,
        case nfc_normalize(lower(trim(programme_status)))
            when nfc_normalize('turpinās') then 'continuing'
            when 'pabeigta' then 'completed'
            when nfc_normalize('pārtraukta') then 'discontinued'
        end as programme_status,
        cast(mentor_hours as decimal(9, 2)) as mentor_hours,
        nullif(upper(trim(components_delivered)), '') as components_delivered,
        nfc_normalize(nullif(trim(outcome_on_leaving), '')) as outcome_on_leaving_code,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select
        *,
        {{ ethnicity_flags() }},
        programme_status in ('completed', 'discontinued') as is_programme_ended,
        cast(
            coalesce(
                list_transform(
                    string_split(components_delivered, '|'),
                    lambda component: case component
                        when 'PA' then 'personal_development'
                        when 'IS' then 'social_inclusion'
                        when 'DT' then 'work_ethic'
                        when 'MK' then 'lifelong_learning'
                    end
                ),
                []
            ) as varchar[]
        ) as components,
        {{ leaving_outcome_label('outcome_on_leaving_code') }} as outcome_on_leaving,
        -- the contract: an outcome in (and only in) the row of the month the programme ended
        (programme_status in ('completed', 'discontinued'))
        = (outcome_on_leaving_code is not null) as is_outcome_consistent
    from renamed

)

select * from final
