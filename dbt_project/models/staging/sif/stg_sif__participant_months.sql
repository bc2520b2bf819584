with

source as (

    select * from {{ source('sif', 'participant_months') }}

),

renamed as (

    select
        -- keys
        cast(reporting_month as date) as reporting_month,
        lower(trim(participant_key)) as participant_key,

        -- geography (as delivered: ATVK vintage in force in the reporting month)
        trim(municipality_atvk) as municipality_atvk,
        {{ atvk_vintage('cast(reporting_month as date)') }} as municipality_atvk_vintage,
        trim(municipality_name) as municipality_name,

        -- person
        {{ sex_columns() }},
        cast(birth_year as integer) as birth_year,
        {{ ethnicity_columns() }},
        nfc_normalize(trim(risk_groups)) as risk_groups,

        -- services
        cast(service_start_date as date) as service_start_date,
        cast(service_end_date as date) as service_end_date,
        upper(trim(services)) as services,
        cast(service_hours as decimal(9, 2)) as service_hours,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select
        *,
        {{ ethnicity_flags() }}
    from renamed

)

select * from final
