-- The indicator catalogue (one seed per source) with each indicator's final target, if any
-- (has_target = false: "no target set"). Targets and milestones are reviewed data in
-- ref_indicator_targets, never code.

with

catalogue as (

    {% for source in indicator_sources() %}
        select * from {{ ref('ref_indicator_catalogue_' ~ source) }}
        {% if not loop.last %}union all by name{% endif %}
    {% endfor %}

),

targets as (

    select * from {{ ref('ref_indicator_targets') }}

),

final_targets as (

    select *
    from targets
    where target_kind = 'final'
    qualify row_number() over (
            partition by indicator_code order by target_date desc
        ) = 1

),

milestones as (

    select
        indicator_code,
        count(*) as milestone_count
    from targets
    where target_kind = 'milestone'
    group by indicator_code

),

final as (

    select
        catalogue.indicator_code,
        catalogue.sam,
        catalogue.source,
        catalogue.agency,
        catalogue.indicator_group,
        catalogue.name_lv,
        catalogue.name_en,
        catalogue.definition_lv,
        catalogue.definition_en,
        catalogue.unit,
        catalogue.aggregation,
        nullif(catalogue.denominator_indicator_code, '') as denominator_indicator_code,
        catalogue.geo_levels,
        catalogue.has_ethnicity,
        nullif(catalogue.category_name_lv, '') as category_name_lv,
        nullif(catalogue.category_name_en, '') as category_name_en,
        catalogue.counting_rule_lv,
        catalogue.counting_rule_en,
        catalogue.measure_start_date,
        catalogue.source_citation,
        nullif(catalogue.note_lv, '') as note_lv,
        nullif(catalogue.note_en, '') as note_en,
        final_targets.indicator_code is not null as has_target,
        final_targets.target_value,
        final_targets.target_operator,
        final_targets.target_date,
        final_targets.is_from_report as target_is_from_report,
        final_targets.source_citation as target_source_citation,
        final_targets.note as target_note,
        coalesce(milestones.milestone_count, 0) as milestone_count
    from catalogue
    left join final_targets
        on catalogue.indicator_code = final_targets.indicator_code
    left join milestones
        on catalogue.indicator_code = milestones.indicator_code

)

select * from final
