-- A fingerprint of each indicator's counted units per month (the month a unit counts in: its
-- period, or the measure start for a unit dated before it): how many, and the sum of a 64-bit
-- hash of every column int_indicator_flows reads. int_indicator_flows rebuilds a month's flows
-- only when its fingerprint changed (a new month, a correction, a participant who became a
-- leaver); two different sets of units would have to collide in count and hash sum to be missed.

with

indicators as (

    select * from {{ ref('dim_indicators') }}

),

units as (

    select * from {{ ref('int_indicator_units') }}

),

final as (

    select
        units.indicator_code,
        {{ series_month('units.period', 'indicators.measure_start_date') }} as period,
        count(*) as units_count,
        sum(
            cast(
                hash(
                    units.unit_key,
                    units.period,
                    units.atvk_2021,
                    units.planning_region_code,
                    units.sex,
                    units.age_band,
                    units.education_level,
                    units.ethnicity,
                    units.categories,
                    units.amount
                ) as hugeint
            )
        ) as units_checksum
    from units
    inner join indicators
        on units.indicator_code = indicators.indicator_code
    group by all

)

select * from final
