-- The indicator catalogue joined with the reviewed targets (one row per indicator; an
-- indicator without a target row has has_target = false: "no target set").

with

catalogue as (

    select * from {{ ref('ref_indicator_catalogue') }}

),

targets as (

    select * from {{ ref('ref_indicator_targets') }}

),

final as (

    select
        catalogue.indicator_code,
        catalogue.sam,
        catalogue.source,
        catalogue.agency,
        catalogue.name_lv,
        catalogue.name_en,
        catalogue.definition_lv,
        catalogue.definition_en,
        catalogue.unit,
        catalogue.counting_rule,
        catalogue.measure_start_date,
        catalogue.source_citation,
        targets.indicator_code is not null as has_target,
        targets.target_value,
        targets.target_operator,
        targets.target_date,
        targets.is_from_report as target_is_from_report,
        targets.source_citation as target_source_citation,
        targets.note as target_note
    from catalogue
    left join targets
        on catalogue.indicator_code = targets.indicator_code

)

select * from final
