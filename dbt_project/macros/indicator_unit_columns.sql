{#-
    The columns of a source's indicator units (the interface of int_indicator_units), typed:
    indicator_code, unit_key, period, atvk_2021, planning_region_code, sex, age_band,
    education_level, ethnicity, categories, amount. Arguments name the expression each column
    is taken from where the source's own column is named otherwise; `categories` and `amount`
    are given whole (already typed).
-#}
{% macro indicator_unit_columns(
    categories,
    amount,
    unit_key='unit_key',
    atvk_2021='atvk_2021',
    education_level='education_level',
    ethnicity='ethnicity'
) -%}
    cast(indicator_code as varchar) as indicator_code,
    cast({{ unit_key }} as varchar) as unit_key,
    cast(period as date) as period,
    cast({{ atvk_2021 }} as varchar) as atvk_2021,
    cast(planning_region_code as varchar) as planning_region_code,
    cast(sex as varchar) as sex,
    cast(age_band as varchar) as age_band,
    cast({{ education_level }} as varchar) as education_level,
    cast({{ ethnicity }} as varchar) as ethnicity,
    {{ categories }} as categories,
    {{ amount }} as amount
{%- endmacro %}
