-- IKVD 8.3.4 (PuMPuRS) counted units (docs/indicators.md):
-- - IKVD_834_PUPILS: each pupil once, at entry (first month of support), in the municipality of
--   the school at entry (ATVK 2021); the support types and specialists of the entry month are
--   the categories;
-- - IKVD_834_INSTITUTIONS: each institution of the register once, at the end of the first
--   quarter a snapshot listed it;
-- - IKVD_834_MUNICIPALITIES_2009 / _2021: int_ikvd__municipalities_engaged;
-- - IKVD_834_NGO_PROJECTS: each youth NGO project once, at the end of the quarter it started;
-- - IKVD_834_SPENDING_TOTAL_EUR / _ESF_EUR: each quarter x cost category, at the end of the
--   quarter, amount in EUR (country only).

with

pupils as (

    select * from {{ ref('int_ikvd__pupils_at_entry') }}

),

register as (

    select * from {{ ref('int_ikvd__entity_register') }}

),

municipalities_engaged as (

    select * from {{ ref('int_ikvd__municipalities_engaged') }}

),

spending as (

    select * from {{ ref('int_ikvd__spending_current') }}

),

pupil_units as (

    select
        'IKVD_834_PUPILS' as indicator_code,
        pupil_key as unit_key,
        entry_month as period,
        municipality_atvk_2021 as atvk_2021,
        planning_region_code,
        sex,
        {{ age_band('entry_month') }} as age_band,
        education_level_at_entry as education_level,
        ethnicity_at_entry as ethnicity,
        cast(
            list_concat(support_type_codes_at_entry, specialist_codes_at_entry) as varchar[]
        ) as categories,
        cast(1 as double) as amount
    from pupils

),

entity_units as (

    select
        case entity_type
            when 'institution' then 'IKVD_834_INSTITUTIONS'
            when 'ngo_project' then 'IKVD_834_NGO_PROJECTS'
        end as indicator_code,
        entity_id as unit_key,
        case entity_type
            when 'institution' then first_listed_period
            when 'ngo_project' then joined_period
        end as period,
        municipality_atvk_2021 as atvk_2021,
        planning_region_code,
        cast(null as varchar) as sex,
        cast(null as varchar) as age_band,
        cast(null as varchar) as education_level,
        cast(null as varchar) as ethnicity,
        cast([] as varchar[]) as categories,
        cast(1 as double) as amount
    from register
    where entity_type in ('institution', 'ngo_project')

),

municipality_units as (

    select
        'IKVD_834_MUNICIPALITIES_' || atvk_vintage as indicator_code,
        atvk_code as unit_key,
        engaged_period as period,
        atvk_2021,
        planning_region_code,
        cast(null as varchar) as sex,
        cast(null as varchar) as age_band,
        cast(null as varchar) as education_level,
        cast(null as varchar) as ethnicity,
        cast([] as varchar[]) as categories,
        cast(1 as double) as amount
    from municipalities_engaged

),

spending_units as (

    select
        amounts.indicator_code,
        spending.cost_category || '@' || strftime(spending.reporting_quarter, '%Y-%m')
            as unit_key,
        spending.reporting_quarter_end_month as period,
        cast(null as varchar) as atvk_2021,
        cast(null as varchar) as planning_region_code,
        cast(null as varchar) as sex,
        cast(null as varchar) as age_band,
        cast(null as varchar) as education_level,
        cast(null as varchar) as ethnicity,
        cast([spending.cost_category] as varchar[]) as categories,
        case amounts.indicator_code
            when 'IKVD_834_SPENDING_TOTAL_EUR' then cast(spending.total_eur as double)
            else cast(spending.esf_eur as double)
        end as amount
    from spending
    cross join (
        values ('IKVD_834_SPENDING_TOTAL_EUR'), ('IKVD_834_SPENDING_ESF_EUR')
    ) as amounts (indicator_code)

),

all_units as (

    select * from pupil_units
    union all
    select * from entity_units
    union all
    select * from municipality_units
    union all
    select * from spending_units

),

final as (

    select
        {{ indicator_unit_columns('categories', 'cast(amount as double)') }}
    from all_units

)

select * from final
