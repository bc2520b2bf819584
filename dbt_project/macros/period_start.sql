{#-
    The first day of the `part` ('month', 'quarter', 'year') containing `date_expr`, as a date:
    e.g. the quarter of the extract file a monthly row came from.
-#}
{% macro period_start(part, date_expr) -%}
    cast(date_trunc('{{ part }}', {{ date_expr }}) as date)
{%- endmacro %}


{#-
    The month an indicator unit counts in: its period's month, or the measure's first month for
    a unit dated before the measure started (not expected; it counts in the first month).
-#}
{% macro series_month(unit_period, measure_start_date) -%}
    greatest(date_trunc('month', {{ unit_period }}), date_trunc('month', {{ measure_start_date }}))
{%- endmacro %}
