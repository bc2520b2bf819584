-- One row per workshop and represented municipality (current extracts), the delivered code
-- mapped to its ATVK 2021 municipality and 2021 planning region. A code listed twice in one
-- workshop is kept once.

with

workshops as (

    select * from {{ ref('int_km__workshops_current') }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

represented as (

    select distinct
        workshop_id,
        workshop_date,
        municipality_atvk_vintage,
        unnest(municipalities_represented_atvk) as municipality_atvk
    from workshops

),

final as (

    select
        represented.workshop_id,
        represented.workshop_date,
        {{ period_start('month', 'represented.workshop_date') }} as workshop_month,
        represented.municipality_atvk,
        represented.municipality_atvk_vintage,
        municipalities.atvk_2021,
        municipalities.municipality_name_lv_2021,
        municipalities.municipality_name_en_2021,
        municipalities.planning_region_code
    from represented
    left join municipalities
        on
            represented.municipality_atvk = municipalities.atvk_code
            and represented.municipality_atvk_vintage = municipalities.atvk_vintage
    where represented.municipality_atvk != ''

)

select * from final
