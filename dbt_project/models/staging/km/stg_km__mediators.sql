with

source as (

    select * from {{ source('km', 'mediators') }}

),

renamed as (

    select
        cast(reporting_date as date) as reporting_date,
        -- the file's period: a resent year supersedes the whole year
        cast(date_trunc('year', cast(reporting_date as date)) as date) as extract_period,

        -- geography (as delivered: ATVK vintage in force on the reporting date)
        trim(municipality_atvk) as municipality_atvk,
        case
            when cast(reporting_date as date) < date '2021-07-01' then '2009'
            else '2021'
        end as municipality_atvk_vintage,

        cast(mediators as integer) as mediators,
        nfc_normalize(lower(trim(funded_by))) as funded_by_code,
        case nfc_normalize(lower(trim(funded_by)))
            when nfc_normalize('pašvaldība') then 'municipality'
            when 'projekts' then 'project'
            when 'cits' then 'other'
        end as funded_by,

        -- lineage
        _extract_sha256 as extract_sha256,
        _source_file as source_file,
        _row_number as source_row_number,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
