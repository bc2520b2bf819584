-- Every indicator's published values (docs/indicators.md): one row per indicator x month x
-- geography x breakdown (int_indicator_values_unsuppressed), with the Roma cells that
-- int_roma_cell_suppression withholds set to NULL (docs/privacy.md): the value, the month's
-- increase unless both months are published, any share computed from a withheld count, and a
-- denominator that is itself a withheld Roma count. The unsuppressed_* columns stay in the
-- warehouse and in the Ministry's internal snapshot; the public snapshot never has them.

with

indicator_values as (

    select * from {{ ref('int_indicator_values_unsuppressed') }}

),

indicators as (

    select * from {{ ref('dim_indicators') }}

),

geography as (

    select * from {{ ref('dim_geography') }}

),

withheld_cells as (

    select * from {{ ref('int_roma_cell_suppression') }}

),

flagged as (

    select
        indicator_values.*,
        withheld_cells.suppression_reason,
        withheld_cells.suppression_reason is not null as is_suppressed,
        coalesce(
            lag(withheld_cells.suppression_reason is not null) over cell_by_period, false
        ) as is_previous_period_suppressed,
        withheld_denominators.suppression_reason is not null as is_denominator_suppressed
    from indicator_values
    inner join indicators
        on indicator_values.indicator_code = indicators.indicator_code
    left join withheld_cells
        on
            indicator_values.breakdown = 'ethnicity'
            and indicator_values.indicator_code = withheld_cells.indicator_code
            and indicator_values.period = withheld_cells.period
            and indicator_values.geo_code = withheld_cells.geo_code
    left join withheld_cells as withheld_denominators
        on
            indicator_values.breakdown = 'ethnicity'
            and indicators.denominator_indicator_code = withheld_denominators.indicator_code
            and indicator_values.period = withheld_denominators.period
            and indicator_values.geo_code = withheld_denominators.geo_code
    window cell_by_period as (
        partition by
            indicator_values.indicator_code,
            indicator_values.geo_code,
            indicator_values.breakdown,
            indicator_values.breakdown_value
        order by indicator_values.period
    )

),

final as (

    select
        flagged.indicator_code,
        flagged.period,
        flagged.geo_level,
        flagged.geo_code,
        geography.geo_name_lv,
        geography.geo_name_en,
        flagged.breakdown,
        flagged.breakdown_value,
        case when not flagged.is_suppressed then flagged.value end as value,
        case
            when not flagged.is_suppressed and not flagged.is_previous_period_suppressed
                then flagged.value_in_period
        end as value_in_period,
        case when not flagged.is_denominator_suppressed then flagged.denominator end
            as denominator,
        case
            when not flagged.is_suppressed and not flagged.is_denominator_suppressed
                then flagged.share
        end as share,  -- noqa: RF04
        flagged.ethnicity_coverage,
        flagged.is_suppressed,
        flagged.is_denominator_suppressed,
        flagged.suppression_reason,
        flagged.value as unsuppressed_value,
        flagged.value_in_period as unsuppressed_value_in_period,
        flagged.denominator as unsuppressed_denominator,
        flagged.share as unsuppressed_share
    from flagged
    inner join geography
        on flagged.geo_code = geography.geo_code

)

select * from final
