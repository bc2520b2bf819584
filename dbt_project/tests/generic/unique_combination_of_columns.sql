{#-
    Fails for every combination of `combination_of_columns` that occurs more than once
    (a composite primary key check; written here instead of installing dbt_utils).
-#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

select
    {{ combination_of_columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1

{% endtest %}
