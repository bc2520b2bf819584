-- The 6-month follow-ups of the latest-loaded extract of each quarter (a resent quarterly file
-- supersedes the earlier one), one row per leaver and exit: if the same exit is reported in
-- two quarters, the later quarter's report counts.

with

current_extract_rows as (

    {{ latest_extract_rows(ref('stg_jspa__followups'), 'followup_quarter') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by participant_key, exit_date
            order by followup_quarter desc, loaded_at desc, source_row_number desc
        ) as report_rank
    from current_extract_rows

),

final as (

    select * exclude (report_rank)
    from ranked
    where report_rank = 1

)

select * from final
