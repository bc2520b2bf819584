-- Six-month follow-ups of the current extract of each quarter (a resent quarter supersedes the
-- earlier file of that quarter), one row per exit (participant_key, exit_date): if an exit is
-- followed up in more than one quarter's file, the latest follow-up counts.

with

followups_of_current_extracts as (

    {{ latest_extract_rows(ref('stg_nva__followups'), 'followup_quarter') }}

),

followups_ranked as (

    select
        *,
        row_number() over (
            partition by participant_key, exit_date
            order by followup_date desc, followup_quarter desc, loaded_at desc
        ) as followup_rank
    from followups_of_current_extracts

),

final as (

    select * exclude (followup_rank)
    from followups_ranked
    where followup_rank = 1

)

select * from final
