-- Every ATVK 2021 municipality is the primary successor of at least one pre-2021 code (the
-- 2021 units are unions of old units). Returns the municipalities no old code maps to.

with

municipalities_2021 as (

    select * from {{ ref('ref_municipalities_2021') }}

),

mapped_codes as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

old_codes_per_municipality as (

    select
        municipalities_2021.atvk_2021,
        municipalities_2021.name_lv,
        count(mapped_codes.atvk_code) as n_old_codes
    from municipalities_2021
    left join mapped_codes
        on
            municipalities_2021.atvk_2021 = mapped_codes.atvk_2021
            and mapped_codes.atvk_vintage = '2009'
    group by municipalities_2021.atvk_2021, municipalities_2021.name_lv

),

final as (

    select *
    from old_codes_per_municipality
    where n_old_codes = 0

)

select * from final
