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
        case
            when cast(reporting_month as date) < date '2021-07-01' then '2009'
            else '2021'
        end as municipality_atvk_vintage,
        trim(municipality_name) as municipality_name,

        -- person
        upper(trim(sex)) as sex_code,
        case upper(trim(sex))
            when 'V' then 'male'
            when 'S' then 'female'
        end as sex,
        cast(birth_year as integer) as birth_year,
        nfc_normalize(lower(trim(ethnicity))) as ethnicity_code,
        case nfc_normalize(lower(trim(ethnicity)))
            when 'romu' then 'roma'
            when 'cita' then 'other'
            when nfc_normalize('nav norādīta') then 'not_stated'
        end as ethnicity,
        nfc_normalize(trim(risk_groups)) as risk_groups,

        -- services
        cast(service_start_date as date) as service_start_date,
        cast(service_end_date as date) as service_end_date,
        upper(trim(services)) as services,
        cast(service_hours as decimal(9, 2)) as service_hours,

        -- lineage
        _extract_sha256 as extract_sha256,
        _source_file as source_file,
        _row_number as source_row_number,
        cast(_loaded_at as timestamp) as loaded_at

    from source

),

final as (

    select
        *,
        ethnicity = 'roma' as is_roma,
        ethnicity in ('roma', 'other') as is_ethnicity_stated
    from renamed

)

select * from final
