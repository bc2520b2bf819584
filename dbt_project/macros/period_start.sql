{#-
    The first day of the `part` ('month', 'quarter', 'year') containing `date_expr`, as a date:
    e.g. the quarter of the extract file a monthly row came from.
-#}
{% macro period_start(part, date_expr) -%}
    cast(date_trunc('{{ part }}', {{ date_expr }}) as date)
{%- endmacro %}
