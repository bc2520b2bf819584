-- The geographies figures are published for: the country, the 5 planning regions and the 43
-- municipalities of ATVK 2021, each with its parent.

with

planning_regions as (

    select * from {{ ref('ref_planning_regions') }}

),

municipalities as (

    select * from {{ ref('ref_municipalities_2021') }}

),

country as (

    select
        'country' as geo_level,
        'LV' as geo_code,
        'Latvija' as geo_name_lv,
        'Latvia' as geo_name_en,
        cast(null as varchar) as parent_geo_code,
        cast(null as varchar) as planning_region_code,
        'valsts' as geo_kind,
        0 as sort_order,
        cast(null as date) as valid_from,
        cast(null as date) as valid_to,
        cast(null as varchar) as note

),

regions as (

    select
        'planning_region' as geo_level,
        planning_region_code as geo_code,
        name_lv as geo_name_lv,
        name_en as geo_name_en,
        'LV' as parent_geo_code,
        planning_region_code,
        'plānošanas reģions' as geo_kind,
        sort_order * 100 as sort_order,
        cast(null as date) as valid_from,
        cast(null as date) as valid_to,
        cast(null as varchar) as note
    from planning_regions

),

municipalities_in_regions as (

    select
        'municipality' as geo_level,
        municipalities.atvk_2021 as geo_code,
        municipalities.name_lv as geo_name_lv,
        municipalities.name_en as geo_name_en,
        municipalities.planning_region_code as parent_geo_code,
        municipalities.planning_region_code,
        municipalities.kind as geo_kind,
        planning_regions.sort_order * 100
        + row_number() over (
            partition by municipalities.planning_region_code
            order by municipalities.atvk_2021
        ) as sort_order,
        municipalities.valid_from,
        municipalities.valid_to,
        municipalities.note
    from municipalities
    inner join planning_regions
        on municipalities.planning_region_code = planning_regions.planning_region_code

),

final as (

    select * from country
    union all
    select * from regions
    union all
    select * from municipalities_in_regions

)

select * from final
