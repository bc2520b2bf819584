{#-
    education_level_code (ISCED 2011 level 0-8 or 'nav zināms', as delivered) and
    education_level, the indicators' ISCED group: isced_0_2, isced_3_4, isced_5_8 or unknown.
-#}
{% macro education_level_columns(column='education_level') -%}
    nfc_normalize(lower(trim({{ column }}))) as education_level_code,
    case
        when trim({{ column }}) in ('0', '1', '2') then 'isced_0_2'
        when trim({{ column }}) in ('3', '4') then 'isced_3_4'
        when trim({{ column }}) in ('5', '6', '7', '8') then 'isced_5_8'
        else 'unknown'
    end as education_level
{%- endmacro %}
