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
        _extract_sha256 as extract_sha256,
        _source_file as source_file,
        _row_number as source_row_number,
        cast(_loaded_at as timestamp) as loaded_at

    from source

),

final as (

    select
        *,
        cast(date_trunc('month', exit_date) as date) as exit_month,
        followup_date is not null as is_reached,
        case outcome_6_months_code
            when nfc_normalize('izglītībā') then 'in_education'
            when nfc_normalize('NVO/jauniešu centrā') then 'ngo_youth_centre'
            when nfc_normalize('nodarbināts') then 'employed'
            when nfc_normalize('meklē darbu') then 'job_searching'
            when nfc_normalize('neaktīvs') then 'inactive'
            when nfc_normalize('nav zināms') then 'unknown'
        end as outcome_6_months
    from renamed

)

select * from final
