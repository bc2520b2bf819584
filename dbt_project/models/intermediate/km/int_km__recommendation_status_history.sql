-- The dated status history of every recommendation x municipality pair (current extracts),
-- with municipalities mapped to ATVK 2021. A pair is (recommendation, ATVK 2021 municipality);
-- national recommendations have no municipality. The records of municipalities that merged in
-- 2021 form one history under their ATVK 2021 municipality. Each record holds from its
-- status_date until the pair's next record (valid_to, exclusive); records of one pair on the
-- same date are ordered by progress (nav_attiecinams first, then nav_uzsakts .. istenots), so
-- the most advanced of them is the one in force.

with

status_changes as (

    select * from {{ ref('int_km__recommendation_status_current') }}

),

recommendations as (

    select * from {{ ref('ref_recommendations') }}

),

statuses as (

    select * from {{ ref('ref_recommendation_statuses') }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

mapped as (

    select
        status_changes.recommendation_code,
        recommendations.level,
        recommendations.theme_lv,
        recommendations.theme_en,
        recommendations.text_lv,
        recommendations.text_en,
        status_changes.municipality_atvk,
        status_changes.municipality_atvk_vintage,
        (recommendations.level = 'municipal') = (status_changes.municipality_atvk is not null)
            as has_expected_municipality,
        municipalities.atvk_2021,
        municipalities.municipality_name_lv_2021,
        municipalities.municipality_name_en_2021,
        municipalities.planning_region_code,
        status_changes.status,
        statuses.name_lv as status_name_lv,
        statuses.name_en as status_name_en,
        statuses.counts_as_addressed,
        case
            when status_changes.status = 'nav_attiecinams' then 0
            else statuses.sort_order
        end as progress_rank,
        status_changes.status_date,
        status_changes.note,
        status_changes.extract_sha256,
        status_changes.source_file,
        status_changes.source_row_number
    from status_changes
    left join recommendations
        on status_changes.recommendation_code = recommendations.recommendation_code
    left join statuses
        on status_changes.status = statuses.status_code
    left join municipalities
        on
            status_changes.municipality_atvk = municipalities.atvk_code
            and status_changes.municipality_atvk_vintage = municipalities.atvk_vintage

),

ordered as (

    select
        *,
        recommendation_code || coalesce(':' || atvk_2021, '') as pair_key,
        lead(status_date) over pair_history as valid_to,
        row_number() over pair_history as change_number
    from mapped
    window pair_history as (
        partition by recommendation_code, atvk_2021
        order by status_date, progress_rank, municipality_atvk
    )

),

final as (

    select
        *,
        valid_to is null as is_current
    from ordered

)

select * from final
