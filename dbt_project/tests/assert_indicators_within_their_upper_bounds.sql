-- No total or Roma count exceeds its upper-bound indicator's at the same place and time
-- (int_indicator_upper_bounds): the disclosure audit's attacker relies on it. (Categories are
-- not bounded: a leaver's category six months on can differ from the one on leaving.)

select
    values_below.indicator_code,
    values_below.period,
    values_below.geo_code,
    values_below.breakdown,
    values_below.breakdown_value,
    values_below.value,
    values_above.value as upper_bound_value
from {{ ref('int_indicator_values_unsuppressed') }} as values_below
inner join {{ ref('int_indicator_upper_bounds') }} as bounds
    on values_below.indicator_code = bounds.indicator_code
inner join {{ ref('int_indicator_values_unsuppressed') }} as values_above
    on
        bounds.upper_bound_indicator_code = values_above.indicator_code
        and values_below.period = values_above.period
        and values_below.geo_code = values_above.geo_code
        and values_below.breakdown = values_above.breakdown
        and values_below.breakdown_value = values_above.breakdown_value
where
    values_below.breakdown in ('total', 'ethnicity')
    and values_below.value > values_above.value
