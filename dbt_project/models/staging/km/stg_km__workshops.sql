with

source as (

    select * from {{ source('km', 'workshops') }}

),

renamed as (

    select
        -- keys
        trim(workshop_id) as workshop_id,
        cast(workshop_date as date) as workshop_date,
        -- the file's period: a resent year supersedes the whole year
        {{ period_start('year', 'cast(workshop_date as date)') }} as extract_period,

        -- venue (as delivered: ATVK vintage in force on the workshop date)
        trim(city) as city,
        upper(trim(planning_region)) as planning_region_code_delivered,
        trim(municipality_atvk) as municipality_atvk,
        {{ atvk_vintage('cast(workshop_date as date)') }} as municipality_atvk_vintage,
        cast(
            string_split(replace(trim(municipalities_represented), ' ', ''), '|') as varchar[]
        ) as municipalities_represented_atvk,

        -- participants by type
        cast(participants_municipality as integer) as participants_municipality,
        cast(participants_social_service as integer) as participants_social_service,
        cast(participants_nva as integer) as participants_nva,
        cast(participants_education as integer) as participants_education,
        cast(participants_roma_community as integer) as participants_roma_community,
        cast(participants_ngo as integer) as participants_ngo,

        trim(topic) as topic,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select
        *,
        participants_municipality
        + participants_social_service
        + participants_nva
        + participants_education
        + participants_roma_community
        + participants_ngo as participants_total
    from renamed

)

select * from final
