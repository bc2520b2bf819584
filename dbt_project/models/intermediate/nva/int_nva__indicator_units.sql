-- NVA 7.4.1 counted units (docs/indicators.md). Every unit is a person and carries the person's
-- entry attributes (municipality of entry in ATVK 2021, sex, age band at entry, education,
-- ethnicity declared at entry, target group), so that result breakdowns match the participant
-- breakdowns:
-- - NVA_741_PARTICIPANTS: once per person, at entry (first month the key appears);
-- - NVA_741_LEAVERS and the outcomes on leaving: once per person, in the month of the first
--   exit;
-- - NVA_741_LEAVERS_6M and the six-month outcomes: the same leavers, six months after the exit
--   month, once that month is covered by the data; a leaver without a follow-up stays in the
--   denominator as unknown.

with

participants as (

    select * from {{ ref('int_nva__participants') }}

),

leavers as (

    select * from {{ ref('int_nva__leavers') }}

),

outcome_indicators as (

    select
        outcomes.outcome,
        outcomes.on_leaving_indicator_code,
        outcomes.six_months_indicator_code
    from (
        values
        ('employed', 'NVA_741_EMPLOYED_ON_LEAVING', 'NVA_741_EMPLOYED_6M'),
        ('in_education', 'NVA_741_IN_EDUCATION_ON_LEAVING', 'NVA_741_IN_EDUCATION_6M'),
        ('job_searching', 'NVA_741_JOB_SEARCHING_ON_LEAVING', 'NVA_741_JOB_SEARCHING_6M')
    ) as outcomes (outcome, on_leaving_indicator_code, six_months_indicator_code)

),

units as (

    -- participants: at entry
    select
        'NVA_741_PARTICIPANTS' as indicator_code,
        entry_month as period,
        participant_key,
        municipality_atvk_2021,
        planning_region_code,
        sex,
        age_band,
        education_level_at_entry,
        ethnicity_at_entry,
        target_group_at_entry
    from participants
    union all
    -- leavers: at the first exit
    select
        'NVA_741_LEAVERS' as indicator_code,
        leavers.first_exit_month as period,
        leavers.participant_key,
        leavers.municipality_atvk_2021,
        leavers.planning_region_code,
        leavers.sex,
        leavers.age_band,
        leavers.education_level_at_entry,
        leavers.ethnicity_at_entry,
        leavers.target_group_at_entry
    from leavers
    union all
    -- leavers by outcome on leaving
    select
        outcome_indicators.on_leaving_indicator_code as indicator_code,
        leavers.first_exit_month as period,
        leavers.participant_key,
        leavers.municipality_atvk_2021,
        leavers.planning_region_code,
        leavers.sex,
        leavers.age_band,
        leavers.education_level_at_entry,
        leavers.ethnicity_at_entry,
        leavers.target_group_at_entry
    from leavers
    inner join outcome_indicators
        on leavers.outcome_on_leaving = outcome_indicators.outcome
    union all
    -- leavers six months after the exit month (denominator of the six-month results)
    select
        'NVA_741_LEAVERS_6M' as indicator_code,
        leavers.six_months_month as period,
        leavers.participant_key,
        leavers.municipality_atvk_2021,
        leavers.planning_region_code,
        leavers.sex,
        leavers.age_band,
        leavers.education_level_at_entry,
        leavers.ethnicity_at_entry,
        leavers.target_group_at_entry
    from leavers
    where leavers.is_six_months_due
    union all
    -- leavers by outcome six months after leaving
    select
        outcome_indicators.six_months_indicator_code as indicator_code,
        leavers.six_months_month as period,
        leavers.participant_key,
        leavers.municipality_atvk_2021,
        leavers.planning_region_code,
        leavers.sex,
        leavers.age_band,
        leavers.education_level_at_entry,
        leavers.ethnicity_at_entry,
        leavers.target_group_at_entry
    from leavers
    inner join outcome_indicators
        on leavers.outcome_6_months = outcome_indicators.outcome
    where leavers.is_six_months_due

),

final as (

    select
        {{ indicator_unit_columns(
            'cast([target_group_at_entry] as varchar[])',
            'cast(1 as double)',
            unit_key='participant_key',
            atvk_2021='municipality_atvk_2021',
            education_level='education_level_at_entry',
            ethnicity='ethnicity_at_entry'
        ) }}
    from units

)

select * from final
