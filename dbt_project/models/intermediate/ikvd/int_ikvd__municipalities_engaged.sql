-- Municipalities engaged in PuMPuRS (working on early school leaving under an agreement with
-- IKVD), counted in two vintages, each unit once, at the first quarter an agreement covering it
-- was listed in the register:
-- - '2009' (the 119 municipalities of 2009-2021, the vintage the target of 95 was set in): an
--   old municipality counts when it had its own agreement, or when an agreement signed from
--   2021-07-01 with its 2021 successor (the crosswalk's primary successor) covers its territory;
-- - '2021' (the 43 municipalities of the 2021 reform): a 2021 municipality counts when at least
--   one agreement, old or new, lies on its territory.
-- A pre-reform agreement re-signed after the reform does not count twice in either vintage.

with

register as (

    select * from {{ ref('int_ikvd__entity_register') }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

agreements as (

    select *
    from register
    where entity_type = 'municipality'

),

old_units as (

    select
        atvk_code as atvk_2009,
        atvk_2021,
        planning_region_code
    from municipalities
    where atvk_vintage = '2009'

),

old_units_covered as (

    -- an old municipality's own agreement (signed before the reform, 2009 code)
    select
        agreements.municipality_atvk as atvk_2009,
        agreements.first_listed_period as engaged_period,
        'own_agreement' as engaged_by,
        agreements.entity_id as agreement_id
    from agreements
    where agreements.municipality_atvk_vintage = '2009'
    union all
    -- an agreement signed from 2021-07-01 with the old municipality's 2021 successor
    select
        old_units.atvk_2009,
        agreements.first_listed_period as engaged_period,
        'successor_agreement' as engaged_by,
        agreements.entity_id as agreement_id
    from agreements
    inner join old_units
        on agreements.municipality_atvk = old_units.atvk_2021
    where agreements.municipality_atvk_vintage = '2021'

),

engaged_2009 as (

    select
        '2009' as atvk_vintage,
        old_units_covered.atvk_2009 as atvk_code,
        old_units.atvk_2021,
        old_units.planning_region_code,
        min(old_units_covered.engaged_period) as engaged_period,
        arg_min(
            old_units_covered.engaged_by,
            old_units_covered.engaged_period
        ) as engaged_by,
        count(distinct old_units_covered.agreement_id) as agreements
    from old_units_covered
    inner join old_units
        on old_units_covered.atvk_2009 = old_units.atvk_2009
    group by
        old_units_covered.atvk_2009,
        old_units.atvk_2021,
        old_units.planning_region_code

),

engaged_2021 as (

    select
        '2021' as atvk_vintage,
        municipality_atvk_2021 as atvk_code,
        municipality_atvk_2021 as atvk_2021,
        planning_region_code,
        min(first_listed_period) as engaged_period,
        arg_min(
            case
                when municipality_atvk_vintage = '2021' then 'own_agreement'
                else 'predecessor_agreement'
            end,
            first_listed_period
        ) as engaged_by,
        count(distinct entity_id) as agreements
    from agreements
    group by municipality_atvk_2021, planning_region_code

),

final as (

    select * from engaged_2009
    union all
    select * from engaged_2021

)

select * from final
