-- No unit is lost or counted twice between levels: for every indicator published by geography,
-- the planning regions add up to the municipalities in every period; and where every unit has
-- a municipality, the country equals that sum too. Returns mismatching periods.

with

progress as (

    select * from {{ ref('fct_indicator_progress') }}

),

indicators as (

    select * from {{ ref('dim_indicators') }}
    where geo_levels = 'all'

),

units as (

    select * from {{ ref('int_indicator_units') }}

),

indicators_fully_located as (

    select indicator_code
    from units
    group by indicator_code
    having count(*) filter (where atvk_2021 is null) = 0

),

totals_by_level as (

    select
        progress.indicator_code,
        progress.period,
        progress.indicator_code in (
            select indicators_fully_located.indicator_code from indicators_fully_located
        )
            as is_fully_located,
        sum(progress.value) filter (where progress.geo_level = 'country') as country_value,
        sum(progress.value) filter (where progress.geo_level = 'planning_region')
            as regions_value,
        sum(progress.value) filter (where progress.geo_level = 'municipality')
            as municipalities_value
    from progress
    inner join indicators
        on progress.indicator_code = indicators.indicator_code
    group by progress.indicator_code, progress.period

),

final as (

    select *
    from totals_by_level
    where
        regions_value is distinct from municipalities_value
        or (is_fully_located and country_value is distinct from regions_value)

)

select * from final
