{# The Roma reporting point a month's Roma figure is published for: the latest month that ends
   a quarter (March, June, September, December) on or before it. Periods are month starts.
   Must agree with roma_monitor.privacy.disclosure.REPORTING_MONTHS (a data test checks). #}
{% macro roma_reporting_point(period) -%}
    cast(date_trunc('quarter', {{ period }} + interval 1 month) - interval 1 month as date)
{%- endmacro %}
