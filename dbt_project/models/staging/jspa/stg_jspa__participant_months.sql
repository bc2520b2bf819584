with

source as (

    select * from {{ source('jspa', 'participant_months') }}

),

renamed as (

    select
        -- keys
        cast(reporting_month as date) as reporting_month,
        -- the quarter of the file the row came from: a resent quarter supersedes it whole
        cast(date_trunc('quarter', cast(reporting_month as date)) as date) as extract_period,
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
        nfc_normalize(lower(trim(education_level))) as education_level_code,
        case
            when trim(education_level) in ('0', '1', '2') then 'isced_0_2'
            when trim(education_level) in ('3', '4') then 'isced_3_4'
            when trim(education_level) in ('5', '6', '7', '8') then 'isced_5_8'
            else 'unknown'
        end as education_level,
        nfc_normalize(lower(trim(ethnicity))) as ethnicity_code,
        case nfc_normalize(lower(trim(ethnicity)))
            when 'romu' then 'roma'
            when 'cita' then 'other'
            when nfc_normalize('nav norādīta') then 'not_stated'
        end as ethnicity,

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
        ethnicity in ('roma', 'other') as is_ethnicity_stated,
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
        case outcome_on_leaving_code
            when nfc_normalize('izglītībā') then 'in_education'
            when nfc_normalize('NVO/jauniešu centrā') then 'ngo_youth_centre'
            when nfc_normalize('nodarbināts') then 'employed'
            when nfc_normalize('meklē darbu') then 'job_searching'
            when nfc_normalize('neaktīvs') then 'inactive'
            when nfc_normalize('nav zināms') then 'unknown'
        end as outcome_on_leaving,
        -- the contract: an outcome in (and only in) the row of the month the programme ended
        (programme_status in ('completed', 'discontinued'))
        = (outcome_on_leaving_code is not null) as is_outcome_consistent
    from renamed

)

select * from final
