{#-
    The per-column rules of a large table in one scan, instead of one test (one scan) per column
    and rule: each column of `not_null` has no NULL, each column of `accepted_values` (a mapping
    column -> values) has no value outside its values (NULL passes, as in dbt's accepted_values;
    values are compared as quoted literals, as in dbt's default).
    Returns one row per broken rule: the column, the rule, and how many rows break it.
-#}
{% test valid_columns(model, not_null=[], accepted_values={}) %}

with

counts as (

    select
        {%- for column in not_null %}
        count(*) filter (where {{ column }} is null) as "{{ column }} not_null",
        {%- endfor %}
        {%- for column, values in accepted_values.items() %}
        count(*) filter (
            where {{ column }} not in (
                {%- for value in values %}'{{ value | string | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor -%}
            )
        ) as "{{ column }} accepted_values",
        {%- endfor %}
        0 as "- none"
    from {{ model }}

),

rules as (

    unpivot counts on columns(*) into name rule value failing_rows

)

select
    split_part(rule, ' ', 1) as column_name,
    split_part(rule, ' ', 2) as rule,
    failing_rows
from rules
where failing_rows > 0

{% endtest %}
