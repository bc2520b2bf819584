-- Every one of the 119 pre-2021 ATVK codes has exactly one primary successor in the crosswalk,
-- and that successor is an ATVK 2021 municipality. Returns the offending old codes.

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

primary_successors as (

    select
        municipalities_2009.atvk_2009,
        count(crosswalk.atvk_2021) as n_primary_successors,
        count(municipalities_2021.atvk_2021) as n_known_successors
    from municipalities_2009
    left join crosswalk
        on
            municipalities_2009.atvk_2009 = crosswalk.atvk_2009
            and crosswalk.is_primary
    left join municipalities_2021
        on crosswalk.atvk_2021 = municipalities_2021.atvk_2021
    group by municipalities_2009.atvk_2009

),

final as (

    select *
    from primary_successors
    where n_primary_successors <> 1 or n_known_successors <> 1

)

select * from final
