-- One row per indicator x month x geography (country, planning regions, municipalities of ATVK
-- 2021), from the measure start to the latest loaded reporting month. Participants are counted
-- once, at entry, in the municipality of entry; values are cumulative to the end of the month.
-- Roma counts get primary small-cell suppression: 1 .. suppression_threshold - 1 -> NULL.

{%- set suppression_threshold = var('suppression_threshold') | int %}
{%- if suppression_threshold < 1 %}
    {{ exceptions.raise_compiler_error("var suppression_threshold must be >= 1") }}
{%- endif %}

with

indicators as (

    select * from {{ ref('dim_indicators') }}

),

geography as (

    select * from {{ ref('dim_geography') }}

),

participants as (

    select * from {{ ref('int_sif_participants_at_entry') }}

),

participant_months as (

    select * from {{ ref('int_sif_participant_months_current') }}

),

latest_loaded_month as (

    select max(reporting_month) as latest_reporting_month
    from participant_months

),

sif_entries as (

    select
        'SIF_9144_PARTICIPANTS' as indicator_code,
        entry_month,
        municipality_atvk_2021,
        planning_region_code,
        is_roma_at_entry,
        is_ethnicity_stated_at_entry
    from participants

),

entries as (

    -- an entry before the measure start (not expected) counts in the first published month
    select
        sif_entries.indicator_code,
        greatest(sif_entries.entry_month, indicators.measure_start_date) as period,
        sif_entries.municipality_atvk_2021,
        sif_entries.planning_region_code,
        sif_entries.is_roma_at_entry,
        sif_entries.is_ethnicity_stated_at_entry
    from sif_entries
    inner join indicators
        on sif_entries.indicator_code = indicators.indicator_code

),

entries_by_geography as (

    select
        indicator_code,
        period,
        'LV' as geo_code,
        is_roma_at_entry,
        is_ethnicity_stated_at_entry
    from entries
    union all
    select
        indicator_code,
        period,
        planning_region_code as geo_code,
        is_roma_at_entry,
        is_ethnicity_stated_at_entry
    from entries
    union all
    select
        indicator_code,
        period,
        municipality_atvk_2021 as geo_code,
        is_roma_at_entry,
        is_ethnicity_stated_at_entry
    from entries

),

entry_counts as (

    select
        indicator_code,
        period,
        geo_code,
        count(*) as entered,
        count(*) filter (where is_roma_at_entry) as roma_entered,
        count(*) filter (where is_ethnicity_stated_at_entry) as ethnicity_stated_entered
    from entries_by_geography
    group by indicator_code, period, geo_code

),

periods as (

    select
        indicators.indicator_code,
        cast(unnest(generate_series(
            indicators.measure_start_date,
            latest_loaded_month.latest_reporting_month,
            interval 1 month
        )) as date) as period
    from indicators
    cross join latest_loaded_month
    where indicators.indicator_code in (select sif_entries.indicator_code from sif_entries)

),

periods_by_geography as (

    select
        periods.indicator_code,
        periods.period,
        geography.geo_level,
        geography.geo_code,
        geography.geo_name_lv,
        geography.geo_name_en,
        geography.parent_geo_code
    from periods
    cross join geography

),

monthly as (

    select
        periods_by_geography.*,
        coalesce(entry_counts.entered, 0) as value_in_period,
        coalesce(entry_counts.roma_entered, 0) as roma_in_period,
        coalesce(entry_counts.ethnicity_stated_entered, 0) as ethnicity_stated_in_period
    from periods_by_geography
    left join entry_counts
        on
            periods_by_geography.indicator_code = entry_counts.indicator_code
            and periods_by_geography.period = entry_counts.period
            and periods_by_geography.geo_code = entry_counts.geo_code

),

cumulative as (

    select
        *,
        cast(sum(value_in_period) over to_date as bigint) as value,
        cast(sum(roma_in_period) over to_date as bigint) as roma_value_unsuppressed,
        cast(sum(ethnicity_stated_in_period) over to_date as bigint) as ethnicity_stated_value
    from monthly
    window to_date as (
        partition by indicator_code, geo_code
        order by period
        rows between unbounded preceding and current row
    )

),

with_targets as (

    select
        cumulative.*,
        indicators.sam,
        indicators.source,
        indicators.measure_start_date,
        case when cumulative.geo_level = 'country' then indicators.target_value end as target,
        case
            when cumulative.geo_level = 'country' then indicators.target_operator
        end as target_operator,
        case when cumulative.geo_level = 'country' then indicators.target_date end as target_date
    from cumulative
    inner join indicators
        on cumulative.indicator_code = indicators.indicator_code

),

trajectory as (

    select
        *,
        -- months from the measure start through the period / through the target date, inclusive
        date_diff('month', measure_start_date, period) + 1 as months_elapsed,
        date_diff('month', measure_start_date, target_date) + 1 as months_to_target
    from with_targets

),

progress as (

    select
        *,
        cast(value as double) / target as share_of_target,
        -- linear from the measure start to the target date; flat at the target afterwards
        cast(target as double)
        * least(months_elapsed, months_to_target)
        / months_to_target as expected_to_date
    from trajectory

),

final as (

    select
        indicator_code,
        sam,
        source,
        period,
        geo_level,
        geo_code,
        geo_name_lv,
        geo_name_en,
        parent_geo_code,
        value,
        cast(value_in_period as bigint) as value_in_period,
        target,
        target_operator,
        target_date,
        share_of_target,
        expected_to_date,
        value >= expected_to_date as on_track,
        case
            when roma_value_unsuppressed between 1 and {{ suppression_threshold - 1 }} then null
            else roma_value_unsuppressed
        end as roma_value,
        roma_value_unsuppressed between 1 and {{ suppression_threshold - 1 }}
            as roma_value_suppressed,
        case
            when value > 0 then cast(ethnicity_stated_value as double) / value
        end as ethnicity_coverage
    from progress

)

select * from final
