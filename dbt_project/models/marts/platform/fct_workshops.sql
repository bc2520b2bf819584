-- One row per Roma Platform workshop (current extracts): venue (as delivered and in ATVK 2021),
-- its 2021 planning region, participants by type and the municipalities represented.

with

workshops as (

    select * from {{ ref('int_km__workshops') }}

),

topics as (

    select * from {{ ref('ref_workshop_topics') }}

),

translated as (

    select
        workshops.*,
        topics.topic_en
    from workshops
    left join topics
        on workshops.topic = topics.topic_lv

),

final as (

    select
        workshop_id,
        workshop_date,
        workshop_month,
        city,
        topic,
        topic_en,
        venue_atvk,
        venue_atvk_vintage,
        venue_atvk_2021,
        venue_name_lv,
        venue_name_en,
        planning_region_code,
        planning_region_name_lv,
        planning_region_name_en,
        planning_region_code_delivered,
        participants_municipality,
        participants_social_service,
        participants_nva,
        participants_education,
        participants_roma_community,
        participants_ngo,
        participants_total,
        municipalities_represented_atvk,
        municipalities_represented_count,
        municipalities_represented_atvk_2021,
        municipalities_represented_2021_count,
        source_file
    from translated

)

select * from final
