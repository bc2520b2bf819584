-- Every source's counted units (docs/indicators.md), in one relation.

{{ config(materialized='view') }}

{% for source in indicator_sources() %}
    select
        indicator_code,
        unit_key,
        period,
        atvk_2021,
        planning_region_code,
        sex,
        age_band,
        education_level,
        ethnicity,
        categories,
        amount
    from {{ ref('int_' ~ source ~ '__indicator_units') }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
