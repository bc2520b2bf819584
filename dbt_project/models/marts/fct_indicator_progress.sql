-- Progress of every indicator: one row per indicator x month x geography (the total), with the
-- Roma value (as published in fct_indicator_values: rounded, as of the quarter end) and
-- ethnicity coverage beside it, and, for the country, the target and the target trajectory:
-- linear from 0 before the measure start through each reviewed milestone to the final target,
-- flat at the target afterwards. Each area's value beside the country's (national_value) and its
-- share of it (share_of_national), and which month is the indicator's latest.

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

national as (

    select
        indicator_code,
        period,
        value as national_value
    from totals
    where geo_level = 'country'

),

roma as (

    select *
    from indicator_values
    where breakdown = 'ethnicity' and breakdown_value = 'roma'

),

geography as (

    select * from {{ ref('dim_geography') }}

),

targets as (

    select * from {{ ref('ref_indicator_targets') }}

),

trajectory_points as (

    -- (month number, value): month 1 is the measure start month; 0 is the month before it
    select
        indicator_code,
        0 as point_month,
        cast(0 as double) as point_value
    from indicators
    where has_target
    union all
    select
        targets.indicator_code,
        date_diff('month', indicators.measure_start_date, targets.target_date) + 1
            as point_month,
        cast(targets.target_value as double) as point_value
    from targets
    inner join indicators
        on targets.indicator_code = indicators.indicator_code
    where
        indicators.has_target
        and (
            targets.target_kind = 'milestone'
            or targets.target_date = indicators.target_date
        )
        and targets.target_date <= indicators.target_date

),

trajectory_segments as (

    select
        indicator_code,
        point_month,
        point_value,
        lead(point_month) over by_month as next_point_month,
        lead(point_value) over by_month as next_point_value
    from trajectory_points
    window by_month as (partition by indicator_code order by point_month)

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
        national.national_value,
        totals.value / nullif(national.national_value, 0) as share_of_national,
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
        roma.value_as_of as roma_value_as_of,
        coalesce(roma.is_rounded, false) as roma_value_is_rounded,
        roma.share as roma_share,
        roma.unsuppressed_value as roma_unsuppressed_value,
        roma.unsuppressed_share as roma_unsuppressed_share,
        case when indicators.has_ethnicity then totals.ethnicity_coverage end
            as ethnicity_coverage
    from totals
    inner join indicators
        on totals.indicator_code = indicators.indicator_code
    inner join geography
        on totals.geo_code = geography.geo_code
    left join national
        on
            totals.indicator_code = national.indicator_code
            and totals.period = national.period
    left join roma
        on
            totals.indicator_code = roma.indicator_code
            and totals.period = roma.period
            and totals.geo_code = roma.geo_code

),

months as (

    select
        *,
        -- months from the measure start through the period, inclusive
        date_diff('month', measure_start_date, period) + 1 as months_elapsed
    from joined

),

trajectory as (

    select
        months.*,
        case
            when trajectory_segments.next_point_month is null
                then trajectory_segments.point_value
            else
                trajectory_segments.point_value
                + (trajectory_segments.next_point_value - trajectory_segments.point_value)
                * (months.months_elapsed - trajectory_segments.point_month)
                / (trajectory_segments.next_point_month - trajectory_segments.point_month)
        end as expected_to_date
    from months
    left join trajectory_segments
        on
            months.geo_level = 'country'
            and months.indicator_code = trajectory_segments.indicator_code
            and months.months_elapsed >= trajectory_segments.point_month
            and (
                months.months_elapsed < trajectory_segments.next_point_month
                or trajectory_segments.next_point_month is null
            )

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
        period = max(period) over (partition by indicator_code) as is_latest_period,
        value,
        national_value,
        share_of_national,
        -- 1 = the largest value among the areas of its level in the month (ties share a rank)
        rank() over (
            partition by indicator_code, period, geo_level order by value desc
        ) as value_rank,
        value_in_period,
        denominator,
        share,
        target,
        target_operator,
        target_date,
        value / target as share_of_target,
        expected_to_date,
        -- from the target month on, on track means the target is met (fct_indicator_status)
        case
            when period >= cast(date_trunc('month', target_date) as date)
                then case target_operator
                        when '>' then value > target
                        when '=' then value = target
                        else value >= target
                    end
            else value >= expected_to_date
        end as on_track,
        roma_value,
        roma_value_suppressed,
        roma_value_as_of,
        roma_value_is_rounded,
        -- the months whose Roma figure describes that month and is published: the only points
        -- of the Roma series (quarter ends; every month in the internal snapshot)
        coalesce(roma_value is not null and roma_value_as_of = period, false) as is_roma_point,
        roma_share,
        roma_unsuppressed_value,
        roma_unsuppressed_share,
        ethnicity_coverage
    from trajectory

)

select * from final
