{#-
    The ATVK vintage ('2009' or '2021') of a code recorded on `date_expr`: the 2021
    classification is in force from the administrative-territorial reform of 1 July 2021.
-#}
{% macro atvk_vintage(date_expr) -%}
    case
        when {{ date_expr }} < date '2021-07-01' then '2009'
        else '2021'
    end
{%- endmacro %}
