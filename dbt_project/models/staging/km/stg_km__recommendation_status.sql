with

source as (

    select * from {{ source('km', 'recommendation_status') }}

),

renamed as (

    select
        cast(status_date as date) as status_date,
        -- the file's period: a resent year supersedes the whole year
        {{ period_start('year', 'cast(status_date as date)') }} as extract_period,
        upper(trim(recommendation_code)) as recommendation_code,

        -- geography (as delivered; empty for national recommendations)
        nullif(trim(municipality_atvk), '') as municipality_atvk,
        case
            when nullif(trim(municipality_atvk), '') is not null
                then {{ atvk_vintage('cast(status_date as date)') }}
        end as municipality_atvk_vintage,

        lower(trim(status)) as status,
        nullif(trim(note), '') as note,

        -- lineage
        {{ lineage_columns() }}

    from source

)

select * from renamed
