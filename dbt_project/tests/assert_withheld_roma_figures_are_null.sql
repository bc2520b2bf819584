-- A withheld Roma cell publishes no figure: where a mart flags a value as suppressed, the value
-- (and the share built on it) is NULL, so no reader has to hide it again (docs/privacy.md).

select
    'fct_indicator_progress' as mart,
    indicator_code,
    period,
    geo_code
from {{ ref('fct_indicator_progress') }}
where roma_value_suppressed and (roma_value is not null or roma_share is not null)

union all

select
    'fct_indicator_values' as mart,
    indicator_code,
    period,
    geo_code
from {{ ref('fct_indicator_values') }}
where
    (is_suppressed and (value is not null or share is not null))
    or (is_denominator_suppressed and (denominator is not null or share is not null))
