-- The participants of the workshops held up to each month's end per area (the country, the
-- venue's 2021 planning region and its ATVK 2021 municipality) and party represented, in the
-- report's order (type_order), with the party's rank in the area (1: the most participants; a
-- tie goes to the earlier party). A row holds from as_of_month until valid_to, the next month a
-- workshop was held anywhere (NULL: it holds now). An area has rows from its first workshop on.

with

workshops as (

    select * from {{ ref('fct_workshops') }}

),

months as (

    select distinct workshop_month as as_of_month
    from workshops

),

-- one row per workshop and party represented ("Ievads": the report's order)
attendances as (

    select
        workshop_month,
        planning_region_code,
        venue_atvk_2021,
        unnest(
            ['municipality', 'social_service', 'nva', 'education', 'roma_community', 'ngo']
        ) as participant_type,
        unnest([1, 2, 3, 4, 5, 6]) as type_order,
        unnest([
            participants_municipality,
            participants_social_service,
            participants_nva,
            participants_education,
            participants_roma_community,
            participants_ngo
        ]) as participants
    from workshops

),

-- each attendance counts for the country, its planning region and its municipality
attendance_areas as (

    select
        workshop_month,
        participant_type,
        type_order,
        participants,
        unnest(['LV', planning_region_code, venue_atvk_2021]) as geo_code
    from attendances

),

totals as (

    select
        months.as_of_month,
        attendance_areas.geo_code,
        attendance_areas.participant_type,
        attendance_areas.type_order,
        cast(coalesce(sum(attendance_areas.participants), 0) as bigint) as participants
    from months
    inner join attendance_areas
        on months.as_of_month >= attendance_areas.workshop_month
    group by
        months.as_of_month,
        attendance_areas.geo_code,
        attendance_areas.participant_type,
        attendance_areas.type_order

),

final as (

    select
        as_of_month,
        lead(as_of_month) over (
            partition by geo_code, participant_type order by as_of_month
        ) as valid_to,
        geo_code,
        participant_type,
        type_order,
        participants,
        row_number() over (
            partition by geo_code, as_of_month order by participants desc, type_order asc
        ) as participants_rank
    from totals

)

select * from final
