{#-
    dbt's `where` config of a data test, with one placeholder: __not_built_before__(column),
    true for the rows whose extract (`column` holds its sha256) the warehouse's last full build
    was not built from (build.dbt_built_extracts, written by roma_monitor.build_mark).

    A test of a large table whose rows each come from one extract and never change (the raw
    tables, the staging views over them, the current participant-month tables) checks only
    those rows: `where: "__not_built_before__(extract_sha256)"`. The rows of the built extracts
    passed the same test in that build; a change of the definition makes the build a full
    refresh, which checks every row, as does a build of a warehouse with no record. A row with
    no extract is always checked. The extracts are found from the relation's own distinct
    values, which DuckDB reads without computing a view's other columns.

    __months_not_built_before__(column): true for the rows of every month (`column`) that holds
    a row of such an extract, for a current participant-month table, whose rows a correction
    replaces: its uniqueness test then also sees a stale row left beside a month's new rows.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- set rows = modules.re.compile('__not_built_before__\\((\\w+)\\)') -%}
        {%- set months = modules.re.compile('__months_not_built_before__\\((\\w+)\\)') -%}
        {%- if rows.search(where) or months.search(where) -%}
            {%- set built = adapter.get_relation(
                database=target.database, schema='build', identifier='dbt_built_extracts'
            ) -%}
            {%- if flags.FULL_REFRESH or built is none -%}
                {%- set where = months.sub('true', rows.sub('true', where)) -%}
            {%- else -%}
                {%- set new_extracts = (
                    '(select distinct extract_sha256 from ' ~ relation
                    ~ ' except select extract_sha256 from ' ~ built ~ ')'
                ) -%}
                {%- set row_condition = (
                    '(\\1 is null or \\1 in (select distinct \\1 from ' ~ relation
                    ~ ' except select extract_sha256 from ' ~ built ~ '))'
                ) -%}
                {%- set month_condition = (
                    '(\\1 is null or \\1 in (select \\1 from ' ~ relation
                    ~ ' where extract_sha256 is null or extract_sha256 in ' ~ new_extracts ~ '))'
                ) -%}
                {%- set where = months.sub(month_condition, rows.sub(row_condition, where)) -%}
            {%- endif -%}
        {%- endif -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
