-- What each month adds to every cell of every indicator (docs/indicators.md): one row per
-- indicator x month x geography x breakdown that has units, before suppression.
-- Breakdowns: total (every geography the indicator publishes); sex, age_band, education_level
-- and category (country and planning regions only: finer cells would be mostly suppressed);
-- ethnicity = roma (every geography, when units carry ethnicity).
--
-- Incremental by indicator and month: a build recomputes only the months whose units changed
-- (int_indicator_units_by_period's fingerprint differs from the one the rows were built from)
-- and drops the months that lost all their units; every other month's rows were computed from
-- the same units. tests/dbt/test_incremental_build.py compares it with a full build.

{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{% if is_incremental() %}
        delete from {{ this }} as built
        where not exists (
            select 1
            from {{ ref('int_indicator_units_by_period') }} as current_units
            where
                current_units.indicator_code = built.indicator_code
                and current_units.period = built.period
                and current_units.units_count = built.units_count
                and current_units.units_checksum = built.units_checksum
        )
        {% else %}
        select 1
        {% endif %}"
    ]
) }}

with

indicators as (

    select * from {{ ref('dim_indicators') }}

),

units as (

    select * from {{ ref('int_indicator_units') }}

),

units_by_period as (

    select * from {{ ref('int_indicator_units_by_period') }}

),

changed_periods as (

    select *
    from units_by_period
    {% if is_incremental() %}
        where not exists (
            select 1
            from {{ this }} as built
            where
                built.indicator_code = units_by_period.indicator_code
                and built.period = units_by_period.period
                and built.units_count = units_by_period.units_count
                and built.units_checksum = units_by_period.units_checksum
        )
    {% endif %}

),

units_in_series as (

    select
        units.* replace (
            {{ series_month('units.period', 'indicators.measure_start_date') }} as period
        ),
        indicators.geo_levels
    from units
    inner join indicators
        on units.indicator_code = indicators.indicator_code

),

changed_units as (

    select
        units_in_series.*,
        changed_periods.units_count,
        changed_periods.units_checksum
    from units_in_series
    inner join changed_periods
        on
            units_in_series.indicator_code = changed_periods.indicator_code
            and units_in_series.period = changed_periods.period

),

units_by_geography as (

    select
        *,
        'country' as geo_level,
        'LV' as geo_code
    from changed_units
    union all
    select
        *,
        'planning_region' as geo_level,
        planning_region_code as geo_code
    from changed_units
    where geo_levels = 'all' and planning_region_code is not null
    union all
    select
        *,
        'municipality' as geo_level,
        atvk_2021 as geo_code
    from changed_units
    where geo_levels = 'all' and atvk_2021 is not null

),

units_by_breakdown as (

    select
        *,
        'total' as breakdown,
        'total' as breakdown_value
    from units_by_geography
    union all
    select
        *,
        'sex' as breakdown,
        sex as breakdown_value
    from units_by_geography
    where sex is not null and geo_level != 'municipality'
    union all
    select
        *,
        'age_band' as breakdown,
        age_band as breakdown_value
    from units_by_geography
    where age_band is not null and geo_level != 'municipality'
    union all
    select
        *,
        'education_level' as breakdown,
        education_level as breakdown_value
    from units_by_geography
    where education_level is not null and geo_level != 'municipality'
    union all
    select
        *,
        'category' as breakdown,
        unnest(categories) as breakdown_value
    from units_by_geography
    where len(categories) > 0 and geo_level != 'municipality'
    union all
    select
        *,
        'ethnicity' as breakdown,
        'roma' as breakdown_value
    from units_by_geography
    where ethnicity = 'roma'

),

final as (

    select
        indicator_code,
        period,
        geo_level,
        geo_code,
        breakdown,
        breakdown_value,
        sum(amount) as amount,
        count(*) filter (where ethnicity is not null) as units_with_ethnicity,
        count(*) filter (where ethnicity in ('roma', 'other')) as units_ethnicity_stated,
        -- the fingerprint of the month's units these rows were computed from
        any_value(units_count) as units_count,
        any_value(units_checksum) as units_checksum
    from units_by_breakdown
    group by indicator_code, period, geo_level, geo_code, breakdown, breakdown_value

)

select * from final
