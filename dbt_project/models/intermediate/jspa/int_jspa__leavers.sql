-- One row per youth who has left an individual programme, at the first exit: the end of the
-- first programme that ended (completed or discontinued). A youth who comes back for a second
-- programme is not a second leaver (ESF: a participant counts once). The youth is described as
-- at entry (municipality of entry in ATVK 2021, sex, age band, education, ethnicity), so the
-- results share their denominator's geography.
--
-- The situation six months later comes from the follow-up of that exit (matched on participant
-- and exit month); a leaver with no follow-up row, or not reached, counts as 'unknown'. The
-- 6-month result is due in the month exit month + 6, and only counted once both extracts cover
-- that month (is_followup_due).

with

programmes as (

    select * from {{ ref('int_jspa__programmes') }}

),

participants as (

    select * from {{ ref('int_jspa__participants_at_entry') }}

),

followups as (

    select * from {{ ref('int_jspa__followups_current') }}

),

participant_months as (

    select * from {{ ref('int_jspa__participant_months_current') }}

),

latest_months as (

    select
        (select max(reporting_month) from participant_months) as latest_programme_month,
        (
            select cast(max(followup_quarter) + interval 2 month as date)
            from followups
        ) as latest_followup_month

),

horizon as (

    select
        case
            when latest_followup_month < latest_programme_month then latest_followup_month
            else latest_programme_month
        end as followup_horizon_month
    from latest_months

),

exits_ranked as (

    select
        *,
        row_number() over (
            partition by participant_key
            order by programme_end_date, programme_start_date
        ) as exit_rank
    from programmes
    where is_programme_ended

),

first_exits as (

    select *
    from exits_ranked
    where exit_rank = 1

),

final as (

    select
        first_exits.participant_key,
        first_exits.programme_key,
        first_exits.programme_start_date,
        first_exits.programme_end_date as exit_date,
        first_exits.programme_end_month as exit_month,
        first_exits.programme_status as exit_status,
        first_exits.outcome_on_leaving,
        participants.entry_month,
        participants.municipality_atvk_2021,
        participants.planning_region_code,
        participants.sex,
        participants.age_band_at_entry,
        participants.education_level_at_entry,
        participants.ethnicity_at_entry,
        cast(first_exits.programme_end_month + interval 6 month as date) as followup_month,
        coalesce(
            cast(first_exits.programme_end_month + interval 6 month as date)
            <= horizon.followup_horizon_month,
            false
        ) as is_followup_due,
        followups.participant_key is not null as has_followup,
        coalesce(followups.is_reached, false) as is_reached,
        followups.followup_date,
        coalesce(followups.outcome_6_months, 'unknown') as outcome_6_months,
        followups.source_file as followup_source_file
    from first_exits
    inner join participants
        on first_exits.participant_key = participants.participant_key
    left join followups
        on
            first_exits.participant_key = followups.participant_key
            and first_exits.programme_end_month = followups.exit_month
    cross join horizon

)

select * from final
