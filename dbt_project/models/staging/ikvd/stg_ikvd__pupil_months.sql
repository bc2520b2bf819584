-- IKVD 8.3.4 (PuMPuRS) pupil months as loaded: every row of every quarterly extract, typed, with
-- coded values mapped to the labels the indicators use (the codes as delivered are kept).
-- extract_period (the quarter of the file) identifies the extract a row belongs to: a resent
-- quarter supersedes the whole earlier quarter in int_ikvd__pupil_months_current.

with

source as (

    select * from {{ source('ikvd', 'pupil_months') }}

),

renamed as (

    select
        -- keys
        cast(reporting_month as date) as reporting_month,
        {{ period_start('quarter', 'cast(reporting_month as date)') }} as extract_period,
        lower(trim(pupil_key)) as pupil_key,
        upper(trim(institution_code)) as institution_code,

        -- geography (as delivered: ATVK vintage in force in the reporting month)
        trim(municipality_atvk) as municipality_atvk,
        {{ atvk_vintage('cast(reporting_month as date)') }} as municipality_atvk_vintage,

        -- pupil
        {{ sex_columns() }},
        cast(birth_year as integer) as birth_year,
        upper(trim(grade)) as grade,
        nfc_normalize(lower(trim(education_programme))) as education_programme_code,
        case nfc_normalize(lower(trim(education_programme)))
            when nfc_normalize('vispārējā') then 'general'
            when nfc_normalize('speciālā') then 'special'
            when nfc_normalize('profesionālā') then 'vocational'
        end as education_programme,
        -- ISCED 2011 level of the grade attended (not attained): grades 5-6 are ISCED 1 and
        -- 7-9 ISCED 2 (basic education); 10-12 and vocational years 1-4 are ISCED 3
        case
            when upper(trim(grade)) in ('5', '6', '7', '8', '9') then 'isced_0_2'
            when upper(trim(grade)) in ('10', '11', '12', 'P1', 'P2', 'P3', 'P4') then 'isced_3_4'
            else 'unknown'
        end as education_level,
        {{ ethnicity_columns() }},
        nfc_normalize(lower(trim(needy_family))) = nfc_normalize('jā') as is_needy_family,

        -- individual plan
        cast(risk_assessment_date as date) as risk_assessment_date,
        cast(plan_start_date as date) as plan_start_date,
        cast(plan_end_date as date) as plan_end_date,

        -- support received in the month
        upper(trim(support_types)) as support_types,
        upper(trim(specialists)) as specialists,
        cast(
            coalesce(string_split(nullif(upper(trim(support_types)), ''), '|'), [])
            as varchar[]
        ) as support_type_codes,
        cast(
            coalesce(string_split(nullif(upper(trim(specialists)), ''), '|'), [])
            as varchar[]
        ) as specialist_codes,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select
        *,
        {{ ethnicity_flags() }},
        -- process rules of the report, checked in the yml: every month brings some support;
        -- clothing, shoes and hygiene goods (APG) only for needy families
        len(support_type_codes) + len(specialist_codes) as support_item_count,
        list_contains(support_type_codes, 'APG') and not is_needy_family
            as has_clothing_support_without_needy_status
    from renamed

)

select * from final
