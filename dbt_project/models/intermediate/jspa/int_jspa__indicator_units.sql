-- JSPA 8.3.3 "PROTI un DARI!" counted units (docs/indicators.md):
-- * participants: each youth once, at entry (first programme month), in the municipality of
--   entry (ATVK 2021);
-- * leavers and results on leaving: each youth once, at the first exit (exit month), with the
--   outcome on leaving as category of the leavers; in education / employed / job searching are
--   the numerators of shares of the leavers;
-- * 6-month results: the same leavers at exit month + 6, once the follow-up extracts cover that
--   month, with the follow-up outcome ('unknown' when there is none);
-- * process compliance: each ended programme at its end month, in the municipality where it
--   started, with its status (completed / discontinued) as category.

with

participants as (

    select * from {{ ref('int_jspa__participants_at_entry') }}

),

leavers as (

    select * from {{ ref('int_jspa__leavers') }}

),

programmes as (

    select * from {{ ref('int_jspa__programmes') }}

),

leaver_indicators as (

    select
        indicators.indicator_code,
        indicators.outcome,
        indicators.is_after_6_months
    from (
        values
        ('JSPA_833_LEAVERS', null, false),
        ('JSPA_833_IN_EDUCATION_ON_LEAVING', 'in_education', false),
        ('JSPA_833_EMPLOYED_ON_LEAVING', 'employed', false),
        ('JSPA_833_JOB_SEARCHING_ON_LEAVING', 'job_searching', false),
        ('JSPA_833_LEAVERS_6M', null, true),
        ('JSPA_833_IN_EDUCATION_6M', 'in_education', true),
        ('JSPA_833_EMPLOYED_6M', 'employed', true),
        ('JSPA_833_JOB_SEARCHING_6M', 'job_searching', true)
    ) as indicators (indicator_code, outcome, is_after_6_months)

),

programme_indicators as (

    select
        indicators.indicator_code,
        indicators.rule
    from (
        values
        ('JSPA_833_PROGRAMMES_ENDED', 'ended'),
        ('JSPA_833_PROGRAMMES_COMPLIANT', 'all_rules'),
        ('JSPA_833_PROGRAMMES_LENGTH_COMPLIANT', 'length'),
        ('JSPA_833_PROGRAMMES_MENTOR_HOURS_COMPLIANT', 'mentor_hours'),
        ('JSPA_833_PROGRAMMES_ALL_COMPONENTS', 'components')
    ) as indicators (indicator_code, rule)

),

participant_units as (

    select
        'JSPA_833_PARTICIPANTS' as indicator_code,
        participant_key as unit_key,
        entry_month as period,
        municipality_atvk_2021 as atvk_2021,
        planning_region_code,
        sex,
        age_band_at_entry as age_band,
        education_level_at_entry as education_level,
        ethnicity_at_entry as ethnicity,
        cast([] as varchar[]) as categories
    from participants

),

leaver_outcomes as (

    select
        participant_key,
        municipality_atvk_2021,
        planning_region_code,
        sex,
        age_band_at_entry,
        education_level_at_entry,
        ethnicity_at_entry,
        false as is_after_6_months,
        exit_month as period,
        outcome_on_leaving as outcome
    from leavers

    union all

    select
        participant_key,
        municipality_atvk_2021,
        planning_region_code,
        sex,
        age_band_at_entry,
        education_level_at_entry,
        ethnicity_at_entry,
        true as is_after_6_months,
        followup_month as period,
        outcome_6_months as outcome
    from leavers
    where is_followup_due

),

leaver_units as (

    select
        leaver_indicators.indicator_code,
        leaver_outcomes.participant_key as unit_key,
        leaver_outcomes.period,
        leaver_outcomes.municipality_atvk_2021 as atvk_2021,
        leaver_outcomes.planning_region_code,
        leaver_outcomes.sex,
        leaver_outcomes.age_band_at_entry as age_band,
        leaver_outcomes.education_level_at_entry as education_level,
        leaver_outcomes.ethnicity_at_entry as ethnicity,
        case
            when leaver_indicators.outcome is null then [leaver_outcomes.outcome]
            else cast([] as varchar[])
        end as categories
    from leaver_outcomes
    inner join leaver_indicators
        on
            leaver_outcomes.is_after_6_months = leaver_indicators.is_after_6_months
            and (
                leaver_indicators.outcome is null
                or leaver_outcomes.outcome = leaver_indicators.outcome
            )

),

programme_units as (

    select
        programme_indicators.indicator_code,
        programmes.programme_key as unit_key,
        programmes.programme_end_month as period,
        programmes.municipality_atvk_2021 as atvk_2021,
        programmes.planning_region_code,
        programmes.sex,
        programmes.age_band_at_start as age_band,
        programmes.education_level,
        programmes.ethnicity,
        [programmes.programme_status] as categories
    from programmes
    inner join programme_indicators
        on
            programme_indicators.rule = 'ended'
            or (programme_indicators.rule = 'all_rules' and programmes.is_compliant)
            or (programme_indicators.rule = 'length' and programmes.is_length_compliant)
            or (
                programme_indicators.rule = 'mentor_hours'
                and programmes.is_mentor_hours_compliant
            )
            or (programme_indicators.rule = 'components' and programmes.has_all_components)
    where programmes.is_programme_ended

),

all_units as (

    select * from participant_units
    union all
    select * from leaver_units
    union all
    select * from programme_units

),

final as (

    select
        {{ indicator_unit_columns('cast(categories as varchar[])', 'cast(1 as double)') }}
    from all_units

)

select * from final
