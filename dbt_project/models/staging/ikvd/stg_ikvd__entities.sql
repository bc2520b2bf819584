-- IKVD 8.3.4 (PuMPuRS) entity register snapshots as loaded: every row of every quarterly
-- snapshot (institutions, municipality agreements, youth NGO projects), typed. The ATVK vintage
-- of an entity's code follows its joined_date (the classification in force when it joined), not
-- the quarter of the snapshot.

with

source as (

    select * from {{ source('ikvd', 'entities') }}

),

renamed as (

    select
        -- keys
        cast(reporting_quarter as date) as reporting_quarter,
        cast(cast(reporting_quarter as date) + interval 2 month as date)
            as reporting_quarter_end_month,
        cast(cast(reporting_quarter as date) + interval 3 month - interval 1 day as date)
            as reporting_quarter_end_date,
        upper(trim(entity_id)) as entity_id,
        nfc_normalize(lower(trim(entity_type))) as entity_type_code,
        case nfc_normalize(lower(trim(entity_type)))
            when nfc_normalize('iestāde') then 'institution'
            when nfc_normalize('pašvaldība') then 'municipality'
            when 'projekts' then 'ngo_project'
        end as entity_type,
        nfc_normalize(trim(entity_name)) as entity_name,

        -- geography (as delivered: ATVK vintage in force on joined_date)
        trim(municipality_atvk) as municipality_atvk,
        {{ atvk_vintage('cast(joined_date as date)') }} as municipality_atvk_vintage,

        -- engagement
        cast(joined_date as date) as joined_date,
        cast(ended_date as date) as ended_date,

        -- lineage
        {{ lineage_columns() }}

    from source

),

final as (

    select
        *,
        -- an entity cannot join after the end of the snapshot's quarter (checked in the yml)
        datediff('day', joined_date, reporting_quarter_end_date) as days_joined_before_quarter_end
    from renamed

)

select * from final
