{#-
    The entry record of each `key` in `relation` (a model or CTE of monthly rows): its first
    reporting month, ties broken by load time and row number, with month_rank (= 1) kept.
-#}
{% macro first_month_rows(relation, key) %}
    select *
    from (
        select
            *,
            row_number() over (
                partition by {{ key }}
                order by reporting_month, loaded_at, source_row_number
            ) as month_rank
        from {{ relation }}
    ) as ranked_months
    where month_rank = 1
{% endmacro %}
