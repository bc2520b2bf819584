{#-
    The rows of the latest-loaded extract of each period: an extract resent for a period
    (a correction) supersedes every earlier extract of that period, including rows it no longer
    contains. `relation` is a staging model with the lineage columns extract_sha256, loaded_at.
    `period_column` is the column that identifies the file's period (reporting_month,
    reporting_quarter, ...); for files covering several periods (quarterly files of monthly
    rows) pass the column that holds the file's period or use source_file.

    incremental=true makes the calling model an incremental table keyed by the period: a build
    selects only the periods whose latest extract is not the one the table holds (a new period,
    or a correction), and replaces those periods' rows (delete + insert). Every other period's
    rows are the same extract's rows either way, so the table equals a full build's
    (tests/dbt/test_incremental_build.py compares them after a new month, a correction and a
    rejected file). `dbt build --full-refresh` rebuilds it whole.
-#}
{% macro latest_extract_rows(relation, period_column, incremental=false) %}
    {%- if incremental %}
        {{ config(
            materialized='incremental',
            incremental_strategy='delete+insert',
            unique_key=period_column,
            on_schema_change='fail'
        ) }}
    {%- endif %}
    select rows_of_period.*
    from {{ relation }} as rows_of_period
    inner join (
        select
            {{ period_column }} as latest_period,
            arg_max(extract_sha256, loaded_at) as latest_extract_sha256
        from (
            select
                {{ period_column }},
                extract_sha256,
                max(loaded_at) as loaded_at
            from {{ relation }}
            group by {{ period_column }}, extract_sha256
        ) as extracts
        group by {{ period_column }}
    ) as latest
        on
            rows_of_period.{{ period_column }} = latest.latest_period
            and rows_of_period.extract_sha256 = latest.latest_extract_sha256
    {%- if incremental and is_incremental() %}
    where not exists (
        select 1
        from (select distinct {{ period_column }}, extract_sha256 from {{ this }}) as built
        where
            built.{{ period_column }} = latest.latest_period
            and built.extract_sha256 = latest.latest_extract_sha256
    )
    {%- endif %}
{% endmacro %}
