-- The full dated status history of the report's recommendations ("Secinājumi un ieteikumi"):
-- one row per status change (current extracts), per recommendation and ATVK 2021 municipality
-- (none for national recommendations), with the period each status held (status_date to
-- valid_to, exclusive), the status it replaced (previous_status; none for a pair's first record)
-- and whether it is the status in force now.

with

history as (

    select * from {{ ref('int_km__recommendation_status_history') }}

),

final as (

    select
        recommendation_code,
        level,
        theme_lv,
        theme_en,
        text_lv,
        text_en,
        atvk_2021 as municipality_atvk_2021,
        municipality_name_lv_2021 as municipality_name_lv,
        municipality_name_en_2021 as municipality_name_en,
        planning_region_code,
        municipality_atvk as municipality_atvk_delivered,
        municipality_atvk_vintage,
        lag(status) over by_pair as previous_status,
        lag(status_name_lv) over by_pair as previous_status_name_lv,
        lag(status_name_en) over by_pair as previous_status_name_en,
        status,
        status_name_lv,
        status_name_en,
        counts_as_addressed,
        status_date,
        valid_to,
        is_current,
        change_number,
        note,
        source_file
    from history
    window by_pair as (partition by recommendation_code, atvk_2021 order by change_number)

)

select * from final
