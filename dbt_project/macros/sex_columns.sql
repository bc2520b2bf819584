{#-
    sex_code (V/S as delivered, upper-cased) and sex (male/female) from the raw `column`.
-#}
{% macro sex_columns(column='sex') -%}
    upper(trim({{ column }})) as sex_code,
    case upper(trim({{ column }}))
        when 'V' then 'male'
        when 'S' then 'female'
    end as sex
{%- endmacro %}
