-- The workshops held up to each month's end per area (the country, the venue's 2021 planning
-- region and its ATVK 2021 municipality): how many and their participants, with the area's rank
-- among the areas of its level (1: the most workshops; a tie goes to the lower code). A row
-- holds from as_of_month until valid_to, the next month a workshop was held anywhere (NULL: it
-- holds now), so any month's figures are the row in force at its end.

with

workshops as (

    select * from {{ ref('fct_workshops') }}

),

months as (

    select distinct workshop_month as as_of_month
    from workshops

),

-- each workshop counts for the country, its planning region and its municipality
workshop_areas as (

    select
        workshop_month,
        participants_total,
        unnest(['country', 'planning_region', 'municipality']) as geo_level,
        unnest(['LV', planning_region_code, venue_atvk_2021]) as geo_code,
        unnest(['Latvija', planning_region_name_lv, venue_name_lv]) as geo_name_lv,
        unnest(['Latvia', planning_region_name_en, venue_name_en]) as geo_name_en
    from workshops

),

totals as (

    select
        months.as_of_month,
        workshop_areas.geo_level,
        workshop_areas.geo_code,
        max(workshop_areas.geo_name_lv) as geo_name_lv,
        max(workshop_areas.geo_name_en) as geo_name_en,
        count(*) as workshops,
        cast(coalesce(sum(workshop_areas.participants_total), 0) as bigint) as participants
    from months
    inner join workshop_areas
        on months.as_of_month >= workshop_areas.workshop_month
    group by months.as_of_month, workshop_areas.geo_level, workshop_areas.geo_code

),

final as (

    select
        as_of_month,
        lead(as_of_month) over (
            partition by geo_level, geo_code order by as_of_month
        ) as valid_to,
        geo_level,
        geo_code,
        geo_name_lv,
        geo_name_en,
        workshops,
        participants,
        row_number() over (
            partition by geo_level, as_of_month order by workshops desc, geo_code asc
        ) as workshops_rank
    from totals

)

select * from final
