{#-
    The indicators' age band (under_25, 25_54, 55_plus) from the calendar year of `date_expr`
    (the entry or start month) and the year of birth.
-#}
{% macro age_band(date_expr, birth_year='birth_year') -%}
    case
        when year({{ date_expr }}) - {{ birth_year }} < 25 then 'under_25'
        when year({{ date_expr }}) - {{ birth_year }} < 55 then '25_54'
        else '55_plus'
    end
{%- endmacro %}
