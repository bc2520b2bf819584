-- Every indicator's values before suppression (docs/indicators.md): one row per indicator x month x
-- geography x breakdown, from the measure start to the source's latest period, cumulated (or
-- held, for stock indicators) from each month's flows (int_indicator_flows).
-- Unsuppressed: internal to the warehouse. fct_indicator_values applies the Roma suppression
-- (int_roma_cell_disclosure) before anything is published.

{{ config(materialized='table') }}

with

indicators as (

    select * from {{ ref('dim_indicators') }}

),

geography as (

    select * from {{ ref('dim_geography') }}

),

flows as (

    select * from {{ ref('int_indicator_flows') }}

),

extracts_loaded as (

    select * from {{ ref('stg_audit__extract_loads') }}
    where status = 'loaded'

),

latest_period_by_source as (

    -- a series runs to the last month the source's accepted extracts cover, even when the
    -- latest extract adds no unit (no entrant, no exit): that month is known, with no change
    select
        source,
        max(latest_period) as latest_period
    from (
        select
            indicators.source,
            max(flows.period) as latest_period
        from flows
        inner join indicators
            on flows.indicator_code = indicators.indicator_code
        group by indicators.source
        union all
        select
            source,
            max(period_end_month) as latest_period
        from extracts_loaded
        group by source
    ) as latest_by_kind
    group by source

),

periods as (

    select
        indicators.indicator_code,
        cast(unnest(generate_series(
            cast(date_trunc('month', indicators.measure_start_date) as date),
            latest_period_by_source.latest_period,
            interval 1 month
        )) as date) as period
    from indicators
    inner join latest_period_by_source
        on indicators.source = latest_period_by_source.source

),

published_cells as (

    select distinct
        indicator_code,
        geo_level,
        geo_code,
        breakdown,
        breakdown_value
    from flows
    union
    select
        indicators.indicator_code,
        geography.geo_level,
        geography.geo_code,
        cells.breakdown,
        cells.breakdown_value
    from indicators
    cross join geography
    cross join (
        values ('total', 'total'), ('ethnicity', 'roma')
    ) as cells (breakdown, breakdown_value)
    where
        (indicators.geo_levels = 'all' or geography.geo_level = 'country')
        and (cells.breakdown = 'total' or indicators.has_ethnicity)

),

snapshots as (

    -- stock indicators: the periods that have a snapshot, and until when each one holds
    select
        indicator_code,
        period as snapshot_period,
        lead(period) over (partition by indicator_code order by period) as next_snapshot_period
    from (
        select distinct
            indicator_code,
            period
        from flows
    ) as snapshot_periods

),

grid as (

    select
        published_cells.*,
        periods.period,
        indicators.aggregation,
        snapshots.snapshot_period
    from published_cells
    inner join periods
        on published_cells.indicator_code = periods.indicator_code
    inner join indicators
        on published_cells.indicator_code = indicators.indicator_code
    left join snapshots
        on
            indicators.aggregation = 'stock'
            and published_cells.indicator_code = snapshots.indicator_code
            and periods.period >= snapshots.snapshot_period
            and (
                periods.period < snapshots.next_snapshot_period
                or snapshots.next_snapshot_period is null
            )

),

cumulated as (

    select
        grid.*,
        coalesce(flows.amount, 0) as amount_in_period,
        sum(coalesce(flows.amount, 0)) over cell_to_date as cumulative_amount,
        sum(coalesce(flows.units_with_ethnicity, 0)) over cell_to_date
            as cumulative_units_with_ethnicity,
        sum(coalesce(flows.units_ethnicity_stated, 0)) over cell_to_date
            as cumulative_units_ethnicity_stated
    from grid
    left join flows
        on
            grid.indicator_code = flows.indicator_code
            and grid.geo_code = flows.geo_code
            and grid.breakdown = flows.breakdown
            and grid.breakdown_value = flows.breakdown_value
            and grid.period = flows.period
    window cell_to_date as (
        partition by grid.indicator_code, grid.geo_code, grid.breakdown, grid.breakdown_value
        order by grid.period
        rows between unbounded preceding and current row
    )

),

valued as (

    select
        cumulated.indicator_code,
        cumulated.period,
        cumulated.geo_level,
        cumulated.geo_code,
        cumulated.breakdown,
        cumulated.breakdown_value,
        cumulated.aggregation,
        case
            when cumulated.aggregation = 'stock' then coalesce(snapshot_flows.amount, 0)
            else cumulated.cumulative_amount
        end as value,
        case
            when cumulated.aggregation = 'cumulative' then cumulated.amount_in_period
        end as value_in_period,
        case
            when cumulated.aggregation = 'stock' then snapshot_flows.units_with_ethnicity
            else cumulated.cumulative_units_with_ethnicity
        end as units_with_ethnicity,
        case
            when cumulated.aggregation = 'stock' then snapshot_flows.units_ethnicity_stated
            else cumulated.cumulative_units_ethnicity_stated
        end as units_ethnicity_stated
    from cumulated
    left join flows as snapshot_flows
        on
            cumulated.indicator_code = snapshot_flows.indicator_code
            and cumulated.geo_code = snapshot_flows.geo_code
            and cumulated.breakdown = snapshot_flows.breakdown
            and cumulated.breakdown_value = snapshot_flows.breakdown_value
            and cumulated.snapshot_period = snapshot_flows.period

),

with_coverage as (

    -- coverage of a Roma cell is that of the whole population it is part of (the total cell)
    select
        valued.*,
        case
            when coverage_base.units_with_ethnicity > 0
                then
                    cast(coverage_base.units_ethnicity_stated as double)
                    / coverage_base.units_with_ethnicity
        end as ethnicity_coverage
    from valued
    left join valued as coverage_base
        on
            valued.indicator_code = coverage_base.indicator_code
            and valued.period = coverage_base.period
            and valued.geo_code = coverage_base.geo_code
            and (
                (valued.breakdown = 'ethnicity' and coverage_base.breakdown = 'total')
                or (
                    valued.breakdown != 'ethnicity'
                    and valued.breakdown = coverage_base.breakdown
                    and valued.breakdown_value = coverage_base.breakdown_value
                )
            )

),

with_denominator as (

    select
        with_coverage.*,
        denominators.value as denominator
    from with_coverage
    inner join indicators
        on with_coverage.indicator_code = indicators.indicator_code
    left join valued as denominators
        on
            indicators.denominator_indicator_code = denominators.indicator_code
            and with_coverage.period = denominators.period
            and with_coverage.geo_code = denominators.geo_code
            and with_coverage.breakdown = denominators.breakdown
            and with_coverage.breakdown_value = denominators.breakdown_value

),

final as (

    select
        with_denominator.*,
        with_denominator.value / nullif(with_denominator.denominator, 0) as share  -- noqa: RF04
    from with_denominator

)

select * from final
