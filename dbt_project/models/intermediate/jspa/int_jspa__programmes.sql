-- One row per individual programme (participant_key + programme_start_date), current extracts
-- only, with the process rules of SAM 8.3.3 checked on every ended programme (report, section
-- on 8.3.3: a programme of 1 to 9 months; mentor support of at least 20 hours a month; four
-- mandatory components). Rule flags are NULL while the programme continues.
--
-- * length: counted in calendar months from the start date, both the start and the end day
--   included: compliant when start + 1 month <= end + 1 day <= start + 9 months (a month
--   added to the 31st ends on the last day of a shorter month). length_months is the number
--   of whole months completed (the largest n with start + n months <= end + 1 day).
-- * mentor hours: at least 20 hours in every full calendar month of the programme (the
--   programme ran from the 1st to the last day of the month). The partial first and last
--   months are not checked (a programme may start or end on any day); a full month without a
--   row counts as 0 hours.
-- * components: each of the four components delivered in at least one month of the programme.
--
-- Incremental by programme: a build recomputes the programmes whose months changed (a new month,
-- a correction) and drops those whose months are gone; tests/dbt/test_incremental_build.py
-- compares it with a full build.

{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='programme_key',
    on_schema_change='fail',
    pre_hook="{{ incremental_delete_gone_keys(
        ref('int_jspa__participant_months_current'), ['participant_key', 'programme_start_date']
    ) }}"
) }}

{% set programme_keys = ['participant_key', 'programme_start_date'] %}

with

participant_months as (

    -- every programme's months in a full build; otherwise those of the programmes whose months
    -- changed (rows_of_changed_keys)
    {{ rows_of_changed_keys(ref('int_jspa__participant_months_current'), programme_keys) }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

mandatory_components as (

    select
        components.component_order,
        components.component
    from (
        values
        (1, 'personal_development'),
        (2, 'social_inclusion'),
        (3, 'work_ethic'),
        (4, 'lifelong_learning')
    ) as components (component_order, component)

),

programme_rows as (

    select
        *,
        row_number() over (
            partition by participant_key, programme_start_date
            order by reporting_month, loaded_at, source_row_number
        ) as month_rank,
        row_number() over (
            partition by participant_key, programme_start_date
            order by reporting_month desc, loaded_at desc, source_row_number desc
        ) as month_rank_from_last
    from participant_months

),

first_rows as (

    select *
    from programme_rows
    where month_rank = 1

),

last_rows as (

    select *
    from programme_rows
    where month_rank_from_last = 1

),

programme_months as (

    select
        participant_key,
        programme_start_date,
        count(*) as reported_months,
        sum(mentor_hours) as mentor_hours_total
    from participant_months
    group by participant_key, programme_start_date

),

programmes as (

    select
        first_rows.participant_key,
        first_rows.programme_start_date,
        first_rows.profiling_date,
        last_rows.programme_end_date,
        last_rows.programme_status,
        last_rows.is_programme_ended,
        case
            when last_rows.is_programme_ended
                then coalesce(last_rows.outcome_on_leaving, 'unknown')
        end as outcome_on_leaving,
        first_rows.reporting_month as first_month,
        first_rows.rows_fingerprint,
        last_rows.reporting_month as last_month,
        programme_months.reported_months,
        programme_months.mentor_hours_total,
        first_rows.municipality_atvk as start_municipality_atvk,
        first_rows.municipality_atvk_vintage as start_municipality_atvk_vintage,
        first_rows.sex,
        first_rows.birth_year,
        first_rows.education_level,
        first_rows.ethnicity,
        last_rows.source_file as last_source_file,
        cast(last_rows.programme_end_date + interval 1 day as date) as day_after_end,
        date_diff(
            'month',
            first_rows.programme_start_date,
            cast(last_rows.programme_end_date + interval 1 day as date)
        ) as months_spanned
    from first_rows
    inner join last_rows
        on
            first_rows.participant_key = last_rows.participant_key
            and first_rows.programme_start_date = last_rows.programme_start_date
    inner join programme_months
        on
            first_rows.participant_key = programme_months.participant_key
            and first_rows.programme_start_date = programme_months.programme_start_date

),

ended_programmes as (

    select *
    from programmes
    where is_programme_ended

),

calendar_months as (

    select
        participant_key,
        programme_start_date,
        programme_end_date,
        cast(
            unnest(
                generate_series(
                    date_trunc('month', programme_start_date),
                    date_trunc('month', programme_end_date),
                    interval 1 month
                )
            ) as date
        ) as calendar_month
    from ended_programmes

),

full_months as (

    select
        participant_key,
        programme_start_date,
        calendar_month
    from calendar_months
    where
        calendar_month >= programme_start_date
        and last_day(calendar_month) <= programme_end_date

),

full_month_hours as (

    select
        full_months.participant_key,
        full_months.programme_start_date,
        full_months.calendar_month,
        coalesce(sum(participant_months.mentor_hours), 0) as mentor_hours
    from full_months
    left join participant_months
        on
            full_months.participant_key = participant_months.participant_key
            and full_months.programme_start_date = participant_months.programme_start_date
            and full_months.calendar_month = participant_months.reporting_month
    group by
        full_months.participant_key,
        full_months.programme_start_date,
        full_months.calendar_month

),

mentor_hours_checks as (

    select
        participant_key,
        programme_start_date,
        count(*) as full_months,
        count(*) filter (where mentor_hours < 20) as months_below_20_hours
    from full_month_hours
    group by participant_key, programme_start_date

),

delivered_components as (

    select distinct
        participant_key,
        programme_start_date,
        unnest(components) as component
    from participant_months

),

missing_components as (

    select
        ended_programmes.participant_key,
        ended_programmes.programme_start_date,
        list(
            mandatory_components.component
            order by mandatory_components.component_order
        ) as missing_components
    from ended_programmes
    cross join mandatory_components
    left join delivered_components
        on
            ended_programmes.participant_key = delivered_components.participant_key
            and ended_programmes.programme_start_date = delivered_components.programme_start_date
            and mandatory_components.component = delivered_components.component
    where delivered_components.component is null
    group by ended_programmes.participant_key, ended_programmes.programme_start_date

),

checked as (

    select
        programmes.*,
        municipalities.atvk_2021 as municipality_atvk_2021,
        municipalities.planning_region_code,
        case
            when
                cast(programmes.programme_start_date + to_months(programmes.months_spanned) as date)
                > programmes.day_after_end
                then programmes.months_spanned - 1
            else programmes.months_spanned
        end as length_months,
        case
            when programmes.is_programme_ended
                then
                    programmes.day_after_end
                    >= cast(programmes.programme_start_date + interval 1 month as date)
        end as is_length_at_least_1_month,
        case
            when programmes.is_programme_ended
                then
                    programmes.day_after_end
                    <= cast(programmes.programme_start_date + interval 9 month as date)
        end as is_length_at_most_9_months,
        case
            when programmes.is_programme_ended then coalesce(mentor_hours_checks.full_months, 0)
        end as full_months,
        case
            when programmes.is_programme_ended
                then coalesce(mentor_hours_checks.months_below_20_hours, 0)
        end as months_below_20_hours,
        case
            when programmes.is_programme_ended
                then coalesce(missing_components.missing_components, cast([] as varchar[]))
        end as missing_components
    from programmes
    left join municipalities
        on
            programmes.start_municipality_atvk = municipalities.atvk_code
            and programmes.start_municipality_atvk_vintage = municipalities.atvk_vintage
    left join mentor_hours_checks
        on
            programmes.participant_key = mentor_hours_checks.participant_key
            and programmes.programme_start_date = mentor_hours_checks.programme_start_date
    left join missing_components
        on
            programmes.participant_key = missing_components.participant_key
            and programmes.programme_start_date = missing_components.programme_start_date

),

flagged as (

    select
        *,
        is_length_at_least_1_month and is_length_at_most_9_months as is_length_compliant,
        months_below_20_hours = 0 as is_mentor_hours_compliant,
        len(missing_components) = 0 as has_all_components
    from checked

),

final as (

    select
        participant_key,
        programme_start_date,
        participant_key || '|' || strftime(programme_start_date, '%Y-%m-%d') as programme_key,
        profiling_date,
        programme_end_date,
        {{ period_start('month', 'programme_end_date') }} as programme_end_month,
        programme_status,
        is_programme_ended,
        outcome_on_leaving,
        first_month,
        last_month,
        reported_months,
        mentor_hours_total,
        start_municipality_atvk,
        start_municipality_atvk_vintage,
        municipality_atvk_2021,
        planning_region_code,
        sex,
        birth_year,
        {{ age_band('first_month') }} as age_band_at_start,
        education_level,
        ethnicity,
        case when is_programme_ended then length_months end as length_months,
        case
            when is_programme_ended then date_diff('day', programme_start_date, day_after_end)
        end as length_days,
        full_months,
        months_below_20_hours,
        missing_components,
        is_length_compliant,
        is_mentor_hours_compliant,
        has_all_components,
        is_length_compliant
        and is_mentor_hours_compliant
        and has_all_components as is_compliant,
        case
            when is_programme_ended
                then
                    cast(
                        list_concat(
                            case
                                when not is_length_at_least_1_month
                                    then ['length_under_1_month']
                                else []
                            end,
                            case
                                when not is_length_at_most_9_months
                                    then ['length_over_9_months']
                                else []
                            end,
                            case
                                when not is_mentor_hours_compliant
                                    then ['mentor_hours_below_20']
                                else []
                            end,
                            case
                                when not has_all_components then ['components_missing']
                                else []
                            end
                        ) as varchar[]
                    )
        end as failed_rules,
        last_source_file,
        rows_fingerprint
    from flagged

)

select * from final
