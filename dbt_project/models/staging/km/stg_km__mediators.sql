with

source as (

    select * from {{ source('km', 'mediators') }}

),

renamed as (

    select
        cast(reporting_date as date) as reporting_date,
        -- the file's period: a resent year supersedes the whole year
        {{ period_start('year', 'cast(reporting_date as date)') }} as extract_period,

        -- geography (as delivered: ATVK vintage in force on the reporting date)
        trim(municipality_atvk) as municipality_atvk,
        {{ atvk_vintage('cast(reporting_date as date)') }} as municipality_atvk_vintage,

        cast(mediators as integer) as mediators,
        nfc_normalize(lower(trim(funded_by))) as funded_by_code,
        case nfc_normalize(lower(trim(funded_by)))
            when nfc_normalize('pašvaldība') then 'municipality'
            when 'projekts' then 'project'
            when 'cits' then 'other'
        end as funded_by,

        -- lineage
        {{ lineage_columns() }}

    from source

)

select * from renamed
