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
        nfc_normalize(lower(trim(target_group))) as target_group,

        -- participation
        cast(entry_date as date) as entry_date,
        cast(exit_date as date) as exit_date,
        upper(trim(measures_received)) as measures_received,
        nfc_normalize(lower(trim(outcome_on_leaving))) as outcome_on_leaving_code,
        case nfc_normalize(lower(trim(outcome_on_leaving)))
            when nfc_normalize('nodarbināts') then 'employed'
            when nfc_normalize('izglītībā') then 'in_education'
            when nfc_normalize('meklē darbu') then 'job_searching'
            when nfc_normalize('neaktīvs') then 'inactive'
            when nfc_normalize('nav zināms') then 'unknown'
        end as outcome_on_leaving,

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
        -- the contract: an outcome on leaving is given exactly when an exit date is given
        (exit_date is null) = (outcome_on_leaving_code is null) as is_outcome_consistent_with_exit
    from renamed

)

select * from final
