-- One row per workshop (current extracts), with the venue mapped to its ATVK 2021 municipality
-- and 2021 planning region, and the represented municipalities mapped to ATVK 2021 (distinct:
-- two pre-reform municipalities that merged in 2021 count as one).

with

workshops as (

    select * from {{ ref('int_km__workshops_current') }}

),

represented as (

    select * from {{ ref('int_km__workshop_municipalities') }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

represented_by_workshop as (

    select
        workshop_id,
        workshop_date,
        count(distinct municipality_atvk) as municipalities_represented_count,
        count(distinct atvk_2021) as municipalities_represented_2021_count,
        list(distinct atvk_2021 order by atvk_2021) as municipalities_represented_atvk_2021
    from represented
    group by workshop_id, workshop_date

),

final as (

    select
        workshops.workshop_id,
        workshops.workshop_date,
        {{ period_start('month', 'workshops.workshop_date') }} as workshop_month,
        workshops.city,
        workshops.topic,
        workshops.planning_region_code_delivered,
        workshops.municipality_atvk as venue_atvk,
        workshops.municipality_atvk_vintage as venue_atvk_vintage,
        municipalities.atvk_2021 as venue_atvk_2021,
        municipalities.municipality_name_lv_2021 as venue_name_lv,
        municipalities.municipality_name_en_2021 as venue_name_en,
        municipalities.planning_region_code,
        municipalities.planning_region_name_lv,
        municipalities.planning_region_name_en,
        workshops.participants_municipality,
        workshops.participants_social_service,
        workshops.participants_nva,
        workshops.participants_education,
        workshops.participants_roma_community,
        workshops.participants_ngo,
        workshops.participants_total,
        workshops.municipalities_represented_atvk,
        coalesce(represented_by_workshop.municipalities_represented_count, 0)
            as municipalities_represented_count,
        coalesce(represented_by_workshop.municipalities_represented_2021_count, 0)
            as municipalities_represented_2021_count,
        represented_by_workshop.municipalities_represented_atvk_2021,
        workshops.extract_sha256,
        workshops.source_file
    from workshops
    left join municipalities
        on
            workshops.municipality_atvk = municipalities.atvk_code
            and workshops.municipality_atvk_vintage = municipalities.atvk_vintage
    left join represented_by_workshop
        on
            workshops.workshop_id = represented_by_workshop.workshop_id
            and workshops.workshop_date = represented_by_workshop.workshop_date

)

select * from final
