-- Where every indicator with a target stood at each month (country level), so that any month
-- shows what the monitor said then: value to date, the pace needed from that month to reach the
-- target by the target date, the current pace (last 12 months), the projected value at the
-- target date at that pace, and one judgement (progress_status) in the manner of Open SDG
-- (Statistics Canada's method), adapted as stated in status_method: growth is measured linearly
-- because cumulative counts start at zero, where a compound annual growth rate is undefined.
-- From the target month on, the judgement is final: achieved, or not_achieved (share_of_target
-- says how far it got).

with

indicators as (

    select * from {{ ref('dim_indicators') }}
    where has_target

),

progress as (

    select * from {{ ref('fct_indicator_progress') }}
    where geo_level = 'country'

),

series as (

    select
        progress.indicator_code,
        progress.period,
        progress.value,
        lag(progress.value, 12) over by_indicator as value_12_months_before,
        first_value(progress.value) over by_indicator as first_value,
        progress.period = max(progress.period) over (partition by progress.indicator_code)
            as is_latest_period
    from progress
    window by_indicator as (partition by progress.indicator_code order by progress.period)

),

measured as (

    select
        indicators.indicator_code,
        indicators.sam,
        indicators.source,
        indicators.unit,
        indicators.aggregation,
        indicators.measure_start_date,
        indicators.target_value as target,
        indicators.target_operator,
        indicators.target_date,
        series.period,
        series.is_latest_period,
        series.value,
        series.period >= cast(date_trunc('month', indicators.target_date) as date)
            as is_target_date_reached,
        -- base value y0: nothing before the measure start for cumulative indicators; the first
        -- observed value for stocks
        case when indicators.aggregation = 'stock' then series.first_value else 0 end as base_value,
        date_diff('month', indicators.measure_start_date, series.period) + 1 as months_elapsed,
        date_diff('month', indicators.measure_start_date, indicators.target_date) + 1
            as months_to_target,
        greatest(date_diff('month', series.period, indicators.target_date), 0)
            as months_remaining,
        case
            when series.value_12_months_before is not null
                then (series.value - series.value_12_months_before) / 12
            else
                (
                    series.value
                    - case when indicators.aggregation = 'stock' then series.first_value else 0 end
                )
                / (date_diff('month', indicators.measure_start_date, series.period) + 1)
        end as current_pace_per_month
    from indicators
    inner join series
        on indicators.indicator_code = series.indicator_code

),

assessed as (

    select
        *,
        case target_operator
            when '>' then value > target
            when '>=' then value >= target
            when '=' then value = target
        end as is_target_achieved,
        case
            when months_remaining > 0 then greatest(target - value, 0) / months_remaining
        end as needed_pace_per_month,
        value + current_pace_per_month * months_remaining as projected_value_at_target_date,
        -- observed over required growth per month, both measured from the base
        case
            when target != base_value
                then
                    ((value - base_value) / months_elapsed)
                    / ((target - base_value) / months_to_target)
        end as growth_ratio
    from measured

),

final as (

    select
        indicator_code,
        sam,
        source,
        unit,
        period,
        is_latest_period,
        value,
        target,
        target_operator,
        target_date,
        value / target as share_of_target,
        base_value,
        months_elapsed,
        months_remaining,
        current_pace_per_month,
        needed_pace_per_month,
        projected_value_at_target_date,
        case target_operator
            when '>' then projected_value_at_target_date > target
            else projected_value_at_target_date >= target
        end as is_projected_to_reach_target,
        growth_ratio,
        is_target_achieved,
        is_target_date_reached,
        case
            when is_target_achieved then 'achieved'
            when is_target_date_reached then 'not_achieved'
            when growth_ratio >= 0.95 then 'substantial'
            when growth_ratio >= 0.60 then 'moderate'
            when growth_ratio >= 0 then 'limited'
            else 'deterioration'
        end as progress_status,
        'Open SDG / Statistics Canada progress classes: achieved when the value meets the '
        || 'target; not achieved when the target month has come and it does not; otherwise '
        || 'R = observed growth per month since the base / growth per month '
        || 'required from the base to reach the target by the target date; substantial if '
        || 'R >= 0.95, moderate if 0.60 <= R < 0.95, limited if 0 <= R < 0.60, deterioration if '
        || 'R < 0. Growth is linear, not compound, because cumulative counts start at zero. '
        || 'Current pace: change over the last 12 months / 12 (since the start if shorter).'
            as status_method,
        -- the method's key, by which readers show the method in their own language
        'open_sdg' as status_method_code
    from assessed

)

select * from final
