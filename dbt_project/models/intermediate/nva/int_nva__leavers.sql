-- One row per NVA 7.4.1 leaver: a participant counted at the first exit, with the outcome on
-- leaving and the outcome six months after that exit (from the follow-up of the same exit; no
-- follow-up = unknown). The six-month result is due in the month six months after the exit
-- month and is counted only once the data reach that month (the latest month any current NVA
-- extract covers), so the series does not run past the data.

with

participants as (

    select * from {{ ref('int_nva__participants') }}

),

participant_months as (

    select * from {{ ref('int_nva__participant_months_current') }}

),

followups as (

    select * from {{ ref('int_nva__followups_current') }}

),

covered_months as (

    select reporting_month as covered_month
    from participant_months
    union all
    select cast(followup_quarter + interval 2 month as date) as covered_month
    from followups

),

latest_covered_month as (

    select max(covered_month) as latest_month
    from covered_months

),

leavers as (

    select
        *,
        cast(first_exit_month + interval 6 month as date) as six_months_month
    from participants
    where first_exit_date is not null

),

final as (

    select
        leavers.*,
        leavers.six_months_month <= latest_covered_month.latest_month as is_six_months_due,
        followups.followup_date,
        followups.outcome_6_months_code,
        coalesce(followups.outcome_6_months, 'unknown') as outcome_6_months,
        followups.participant_key is not null as has_followup
    from leavers
    cross join latest_covered_month
    left join followups
        on
            leavers.participant_key = followups.participant_key
            and leavers.first_exit_date = followups.exit_date

)

select * from final
