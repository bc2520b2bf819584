-- The register of engaged entities: every entity of the latest current snapshot (the snapshot is
-- cumulative, so it lists everything engaged so far; an entity a later snapshot no longer lists
-- was a reporting error and is not counted), with the attributes of that snapshot and the first
-- quarter any current snapshot listed it. The municipality code is mapped to ATVK 2021 in the
-- vintage of joined_date.

with

entities as (

    select * from {{ ref('int_ikvd__entities_current') }}

),

municipalities as (

    select * from {{ ref('int_municipalities_mapped_to_2021') }}

),

first_listed as (

    select
        entity_id,
        min(reporting_quarter) as first_listed_quarter
    from entities
    group by entity_id

),

latest_quarter as (

    select max(reporting_quarter) as register_quarter
    from entities

),

latest_snapshot as (

    select entities.*
    from entities
    inner join latest_quarter
        on entities.reporting_quarter = latest_quarter.register_quarter

),

final as (

    select
        latest_snapshot.entity_id,
        latest_snapshot.entity_type,
        latest_snapshot.entity_type_code,
        latest_snapshot.entity_name,
        latest_snapshot.municipality_atvk,
        latest_snapshot.municipality_atvk_vintage,
        municipalities.atvk_2021 as municipality_atvk_2021,
        municipalities.planning_region_code,
        latest_snapshot.joined_date,
        latest_snapshot.ended_date,
        first_listed.first_listed_quarter,
        cast(first_listed.first_listed_quarter + interval 2 month as date)
            as first_listed_period,
        cast(date_trunc('quarter', latest_snapshot.joined_date) + interval 2 month as date)
            as joined_period,
        latest_snapshot.reporting_quarter as register_quarter
    from latest_snapshot
    inner join first_listed
        on latest_snapshot.entity_id = first_listed.entity_id
    left join municipalities
        on
            latest_snapshot.municipality_atvk = municipalities.atvk_code
            and latest_snapshot.municipality_atvk_vintage = municipalities.atvk_vintage

)

select * from final
