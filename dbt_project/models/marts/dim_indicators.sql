{%- set results_pattern =
    '^[A-Z]+_[0-9]+_(EMPLOYED|IN_EDUCATION|JOB_SEARCHING)_(ON_LEAVING|6M)$' -%}
-- The indicator catalogue (one seed per source) with each indicator's final target, if any
-- (has_target = false: "no target set"). Targets and milestones are reviewed data in
-- ref_indicator_targets, never code. Also the order every view presents the catalogue in:
-- measures in the registry's order (macro indicator_sources), groups in reading order, each
-- measure's headline indicators (those with a target; a measure without one is summed up by
-- its first participants indicator, else its first cumulative one) and its results on leaving.

with

catalogue as (

    {% for source in indicator_sources() %}
        select
            *,
            {{ loop.index }} as measure_rank
        from {{ ref('ref_indicator_catalogue_' ~ source) }}
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

joined as (

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
        final_targets.note_lv as target_note_lv,
        final_targets.note_en as target_note_en,
        coalesce(milestones.milestone_count, 0) as milestone_count,
        catalogue.measure_rank,
        case catalogue.indicator_group
            when 'participants' then 1
            when 'results' then 2
            when 'process' then 3
            when 'entities' then 4
            when 'finance' then 5
            when 'platform' then 6
            else 7
        end as group_rank,
        regexp_extract(catalogue.indicator_code, '{{ results_pattern }}', 1) as result_outcome,
        regexp_extract(catalogue.indicator_code, '{{ results_pattern }}', 2) as result_timing
    from catalogue
    left join final_targets
        on catalogue.indicator_code = final_targets.indicator_code
    left join milestones
        on catalogue.indicator_code = milestones.indicator_code

),

ranked as (

    select
        *,
        row_number() over (
            partition by sam
            order by
                has_target desc,
                coalesce(indicator_group = 'participants', false) desc,
                coalesce(aggregation, 'cumulative') = 'cumulative' desc,
                indicator_code
        ) as headline_rank
    from joined

),

final as (

    select
        ranked.* exclude (result_outcome, result_timing),
        ranked.has_target or ranked.headline_rank = 1 as is_headline,
        denominators.name_lv as denominator_name_lv,
        denominators.name_en as denominator_name_en,
        case
            when ranked.denominator_indicator_code is not null
                then nullif(ranked.result_outcome, '')
        end as result_outcome,
        case
            when ranked.denominator_indicator_code is not null
                then nullif(ranked.result_timing, '')
        end as result_timing,
        case
            when ranked.denominator_indicator_code is not null and ranked.result_outcome != ''
                then
                    case ranked.result_outcome
                        when 'EMPLOYED' then 0 when 'IN_EDUCATION' then 2 else 4
                    end
                    + case ranked.result_timing when 'ON_LEAVING' then 1 else 2 end
        end as result_rank
    from ranked
    left join joined as denominators
        on ranked.denominator_indicator_code = denominators.indicator_code

)

select * from final
