-- For every indicator and period, the country value (and new-in-period value) equals the sum
-- over the planning regions and the sum over the municipalities. Returns mismatching periods.

with

progress as (

    select * from {{ ref('fct_indicator_progress') }}

),

totals_by_level as (

    select
        indicator_code,
        period,
        sum(value) filter (where geo_level = 'country') as country_value,
        sum(value) filter (where geo_level = 'planning_region') as regions_value,
        sum(value) filter (where geo_level = 'municipality') as municipalities_value,
        sum(value_in_period) filter (where geo_level = 'country') as country_in_period,
        sum(value_in_period) filter (where geo_level = 'planning_region') as regions_in_period,
        sum(value_in_period)
        filter (where geo_level = 'municipality') as municipalities_in_period
    from progress
    group by indicator_code, period

),

final as (

    select *
    from totals_by_level
    where
        country_value is distinct from regions_value
        or country_value is distinct from municipalities_value
        or country_in_period is distinct from regions_in_period
        or country_in_period is distinct from municipalities_in_period

)

select * from final
