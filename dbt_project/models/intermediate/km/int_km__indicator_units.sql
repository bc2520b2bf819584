-- KM Roma Platform counted units (docs/indicators.md):
--   KM_WORKSHOPS                  each workshop once, in its month, at its venue (ATVK 2021);
--   KM_WORKSHOP_PARTICIPANTS      each workshop x participant type with participants, amount =
--                                 the number of participants of that type, at the venue;
--   KM_WORKSHOP_MUNICIPALITIES    each ATVK 2021 municipality once, in the month of the first
--                                 workshop that represented it, attributed to itself;
--   KM_MEDIATORS                  stock: each year-end row (municipality x funding source),
--                                 amount = mediators, in December;
--   KM_RECOMMENDATIONS_TRACKED    stock: each recommendation x municipality pair whose status at
--                                 the month end is not nav_attiecinams, every month;
--   KM_RECOMMENDATIONS_ADDRESSED  stock: those of them whose status counts as addressed.
-- National recommendations have no municipality: published for the country only.

with

workshops as (

    select * from {{ ref('int_km__workshops') }}

),

workshop_municipalities as (

    select * from {{ ref('int_km__workshop_municipalities') }}

),

mediators as (

    select * from {{ ref('int_km__mediators_current') }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

recommendation_months as (

    select * from {{ ref('int_km__recommendation_status_monthly') }}

),

participant_types as (

    -- the suffixes of the participants_* columns (contract km_workshops)
    select
        unnest([
            'municipality',
            'social_service',
            'nva',
            'education',
            'roma_community',
            'ngo'
        ]) as participant_type

),

workshop_units as (

    select
        'KM_WORKSHOPS' as indicator_code,
        workshop_id as unit_key,
        workshop_month as period,
        venue_atvk_2021 as atvk_2021,
        planning_region_code,
        cast([] as varchar[]) as categories,
        cast(1 as double) as amount
    from workshops

),

participants_by_type as (

    select
        workshops.workshop_id,
        workshops.workshop_month,
        workshops.venue_atvk_2021,
        workshops.planning_region_code,
        participant_types.participant_type,
        case participant_types.participant_type
            when 'municipality' then workshops.participants_municipality
            when 'social_service' then workshops.participants_social_service
            when 'nva' then workshops.participants_nva
            when 'education' then workshops.participants_education
            when 'roma_community' then workshops.participants_roma_community
            when 'ngo' then workshops.participants_ngo
        end as participants
    from workshops
    cross join participant_types

),

participant_units as (

    select
        'KM_WORKSHOP_PARTICIPANTS' as indicator_code,
        workshop_id || ':' || participant_type as unit_key,
        workshop_month as period,
        venue_atvk_2021 as atvk_2021,
        planning_region_code,
        cast([participant_type] as varchar[]) as categories,
        cast(participants as double) as amount
    from participants_by_type
    where participants > 0

),

first_representation as (

    select
        atvk_2021,
        planning_region_code,
        min(workshop_month) as first_month
    from workshop_municipalities
    where atvk_2021 is not null
    group by atvk_2021, planning_region_code

),

municipality_units as (

    select
        'KM_WORKSHOP_MUNICIPALITIES' as indicator_code,
        atvk_2021 as unit_key,
        first_month as period,
        atvk_2021,
        planning_region_code,
        cast([] as varchar[]) as categories,
        cast(1 as double) as amount
    from first_representation

),

mediator_units as (

    select
        'KM_MEDIATORS' as indicator_code,
        mediators.municipality_atvk || ':' || mediators.funded_by as unit_key,
        {{ period_start('month', 'mediators.reporting_date') }} as period,
        municipalities.atvk_2021,
        municipalities.planning_region_code,
        cast([mediators.funded_by] as varchar[]) as categories,
        cast(mediators.mediators as double) as amount
    from mediators
    left join municipalities
        on
            mediators.municipality_atvk = municipalities.atvk_code
            and mediators.municipality_atvk_vintage = municipalities.atvk_vintage

),

tracked_units as (

    select
        'KM_RECOMMENDATIONS_TRACKED' as indicator_code,
        pair_key as unit_key,
        period,
        atvk_2021,
        planning_region_code,
        cast([recommendation_code] as varchar[]) as categories,
        cast(1 as double) as amount
    from recommendation_months
    where status != 'nav_attiecinams'

),

addressed_units as (

    select
        'KM_RECOMMENDATIONS_ADDRESSED' as indicator_code,
        pair_key as unit_key,
        period,
        atvk_2021,
        planning_region_code,
        cast([recommendation_code] as varchar[]) as categories,
        cast(1 as double) as amount
    from recommendation_months
    where counts_as_addressed

),

all_units as (

    select * from workshop_units
    union all
    select * from participant_units
    union all
    select * from municipality_units
    union all
    select * from mediator_units
    union all
    select * from tracked_units
    union all
    select * from addressed_units

),

final as (

    select
        indicator_code,
        unit_key,
        period,
        atvk_2021,
        planning_region_code,
        cast(null as varchar) as sex,
        cast(null as varchar) as age_band,
        cast(null as varchar) as education_level,
        cast(null as varchar) as ethnicity,
        categories,
        amount
    from all_units

)

select * from final
