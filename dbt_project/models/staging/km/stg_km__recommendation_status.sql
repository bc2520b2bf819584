with

source as (

    select * from {{ source('km', 'recommendation_status') }}

),

renamed as (

    select
        cast(status_date as date) as status_date,
        -- the file's period: a resent year supersedes the whole year
        cast(date_trunc('year', cast(status_date as date)) as date) as extract_period,
        upper(trim(recommendation_code)) as recommendation_code,

        -- geography (as delivered; empty for national recommendations)
        nullif(trim(municipality_atvk), '') as municipality_atvk,
        case
            when nullif(trim(municipality_atvk), '') is null then null
            when cast(status_date as date) < date '2021-07-01' then '2009'
            else '2021'
        end as municipality_atvk_vintage,

        lower(trim(status)) as status,
        nullif(trim(note), '') as note,

        -- lineage
        _extract_sha256 as extract_sha256,
        _source_file as source_file,
        _row_number as source_row_number,
        cast(_loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
