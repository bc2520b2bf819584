-- For the engineers and JSPA's project team: every ended individual programme of SAM 8.3.3
-- that broke at least one process rule (length 1-9 months, at least 20 mentor hours in every
-- full month, all four components), with what failed and the file its last month came from.
-- The rules are defined once, in int_jspa__programmes.

with

programmes as (

    select * from {{ ref('int_jspa__programmes') }}

),

final as (

    select
        participant_key,
        municipality_atvk_2021,
        planning_region_code,
        programme_start_date as programme_start,
        programme_end_date as programme_end,
        programme_status,
        length_months,
        length_days,
        full_months,
        months_below_20_hours,
        missing_components,
        failed_rules,
        last_source_file as source_file
    from programmes
    where
        is_programme_ended
        and not is_compliant

)

select * from final
