-- IKVD 8.3.4 (PuMPuRS) quarterly expenditure by cost category as loaded: every row of every
-- extract, typed (EUR; the expenditure of the quarter, not cumulative).

with

source as (

    select * from {{ source('ikvd', 'spending') }}

),

renamed as (

    select
        -- keys
        cast(reporting_quarter as date) as reporting_quarter,
        cast(cast(reporting_quarter as date) + interval 2 month as date)
            as reporting_quarter_end_month,
        lower(trim(cost_category)) as cost_category,

        -- amounts
        cast(total_eur as decimal(18, 2)) as total_eur,
        cast(esf_eur as decimal(18, 2)) as esf_eur,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select
        *,
        total_eur - esf_eur as non_esf_eur,
        case when total_eur > 0 then cast(esf_eur / total_eur as double) end as esf_share
    from renamed

)

select * from final
