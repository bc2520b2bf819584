-- SIF 9.1.4.4 counted units (docs/indicators.md): each participant once, at entry, in the
-- municipality of entry (ATVK 2021), with the entry record's characteristics. The risk grounds
-- of the entry record are the category breakdown.

with

participants as (

    select * from {{ ref('int_sif__participants_at_entry') }}

),

final as (

    select
        'SIF_9144_PARTICIPANTS' as indicator_code,
        participant_key as unit_key,
        entry_month as period,
        municipality_atvk_2021 as atvk_2021,
        planning_region_code,
        sex,
        {{ age_band('entry_month') }} as age_band,
        cast(null as varchar) as education_level,
        ethnicity_at_entry as ethnicity,
        cast(string_split(risk_groups_at_entry, '|') as varchar[]) as categories,
        cast(1 as double) as amount
    from participants

)

select * from final
