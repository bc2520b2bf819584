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
        case nfc_normalize(lower(trim(outcome_6_months)))
            when nfc_normalize('nodarbināts') then 'employed'
            when nfc_normalize('izglītībā') then 'in_education'
            when nfc_normalize('meklē darbu') then 'job_searching'
            when nfc_normalize('neaktīvs') then 'inactive'
            when nfc_normalize('nav zināms') then 'unknown'
        end as outcome_6_months,

        -- lineage
        _extract_sha256 as extract_sha256,
        _source_file as source_file,
        _row_number as source_row_number,
        cast(_loaded_at as timestamp) as loaded_at

    from source

),

final as (

    select * from renamed

)

select * from final
