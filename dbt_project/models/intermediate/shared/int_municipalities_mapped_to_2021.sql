-- Every municipality code an extract can carry (119 ATVK 2009 codes and 43 ATVK 2021 codes)
-- mapped to its ATVK 2021 municipality and 2021 planning region. A split old unit (Inčukalna
-- novads) goes to its primary successor only (crosswalk is_primary).

with

municipalities_2009 as (

    select * from {{ ref('ref_municipalities_2009') }}

),

municipalities_2021 as (

    select * from {{ ref('ref_municipalities_2021') }}

),

crosswalk as (

    select * from {{ ref('ref_atvk_crosswalk_2009_2021') }}

),

planning_regions as (

    select * from {{ ref('ref_planning_regions') }}

),

primary_successors as (

    select
        atvk_2009,
        atvk_2021,
        is_whole
    from crosswalk
    where is_primary

),

codes_2009 as (

    select
        municipalities_2009.atvk_2009 as atvk_code,
        '2009' as atvk_vintage,
        municipalities_2009.name_lv as atvk_name_lv,
        primary_successors.atvk_2021,
        primary_successors.is_whole as is_whole_successor
    from municipalities_2009
    left join primary_successors
        on municipalities_2009.atvk_2009 = primary_successors.atvk_2009

),

codes_2021 as (

    select
        atvk_2021 as atvk_code,
        '2021' as atvk_vintage,
        name_lv as atvk_name_lv,
        atvk_2021,
        true as is_whole_successor
    from municipalities_2021

),

all_codes as (

    select * from codes_2009
    union all
    select * from codes_2021

),

final as (

    select
        all_codes.atvk_code,
        all_codes.atvk_vintage,
        all_codes.atvk_name_lv,
        all_codes.atvk_2021,
        municipalities_2021.name_lv as municipality_name_lv_2021,
        municipalities_2021.name_en as municipality_name_en_2021,
        municipalities_2021.planning_region_code,
        planning_regions.name_lv as planning_region_name_lv,
        planning_regions.name_en as planning_region_name_en,
        all_codes.is_whole_successor
    from all_codes
    left join municipalities_2021
        on all_codes.atvk_2021 = municipalities_2021.atvk_2021
    left join planning_regions
        on municipalities_2021.planning_region_code = planning_regions.planning_region_code

)

select * from final
