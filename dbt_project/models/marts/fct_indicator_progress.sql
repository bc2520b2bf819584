-- Progress of every indicator: one row per indicator x month x geography (the total), with the
-- Roma value (suppressed as in fct_indicator_values) and ethnicity coverage beside it, and, for
-- the country, the target and the linear target trajectory from the measure start.

with

indicators as (

    select * from {{ ref('dim_indicators') }}

),

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

totals as (

    select *
    from indicator_values
    where breakdown = 'total'

),

roma as (

    select *
    from indicator_values
    where breakdown = 'ethnicity' and breakdown_value = 'roma'

),

geography as (

    select * from {{ ref('dim_geography') }}

),

joined as (

    select
        totals.indicator_code,
        indicators.sam,
        indicators.source,
        indicators.indicator_group,
        indicators.unit,
        totals.period,
        totals.geo_level,
        totals.geo_code,
        totals.geo_name_lv,
        totals.geo_name_en,
        geography.parent_geo_code,
        totals.value,
        totals.value_in_period,
        totals.denominator,
        totals.share,
        case when totals.geo_level = 'country' then indicators.target_value end as target,
        case
            when totals.geo_level = 'country' then indicators.target_operator
        end as target_operator,
        case when totals.geo_level = 'country' then indicators.target_date end as target_date,
        indicators.measure_start_date,
        roma.value as roma_value,
        coalesce(roma.is_suppressed, false) as roma_value_suppressed,
        roma.share as roma_share,
        case when indicators.has_ethnicity then totals.ethnicity_coverage end
            as ethnicity_coverage
    from totals
    inner join indicators
        on totals.indicator_code = indicators.indicator_code
    inner join geography
        on totals.geo_code = geography.geo_code
    left join roma
        on
            totals.indicator_code = roma.indicator_code
            and totals.period = roma.period
            and totals.geo_code = roma.geo_code

),

trajectory as (

    select
        *,
        -- months from the measure start through the period / through the target date, inclusive
        date_diff('month', measure_start_date, period) + 1 as months_elapsed,
        date_diff('month', measure_start_date, target_date) + 1 as months_to_target
    from joined

),

final as (

    select
        indicator_code,
        sam,
        source,
        indicator_group,
        unit,
        period,
        geo_level,
        geo_code,
        geo_name_lv,
        geo_name_en,
        parent_geo_code,
        value,
        value_in_period,
        denominator,
        share,
        target,
        target_operator,
        target_date,
        value / target as share_of_target,
        -- linear from the measure start to the target date; flat at the target afterwards
        target * least(months_elapsed, months_to_target) / months_to_target as expected_to_date,
        value >= target * least(months_elapsed, months_to_target) / months_to_target
            as on_track,
        roma_value,
        roma_value_suppressed,
        roma_share,
        ethnicity_coverage
    from trajectory

)

select * from final
