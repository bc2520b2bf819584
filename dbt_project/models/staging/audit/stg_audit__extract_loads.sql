with

source as (

    select * from {{ source('audit', 'extract_loads') }}

),

renamed as (

    select
        cast(load_id as varchar) as load_id,
        lower(trim(source)) as source,
        file_name,
        sha256 as extract_sha256,
        cast(reporting_period as varchar) as reporting_period,
        -- reporting_period is 'YYYY-MM'; a full date is accepted too
        cast(coalesce(
            try_strptime(cast(reporting_period as varchar), '%Y-%m'),
            try_strptime(cast(reporting_period as varchar), '%Y-%m-%d')
        ) as date) as reporting_month,
        -- the last month the extract covers (its month, its quarter's last, or December), as
        -- the loader recorded it
        cast(period_end_month as date) as period_end_month,
        cast(rows as bigint) as row_count,
        lower(trim(status)) as status,
        cast(started_at as timestamp) as started_at,
        cast(finished_at as timestamp) as finished_at,
        cast(duration_s as double) as duration_s,
        message,
        report_path,
        -- corrections: the n-th accepted extract of the dataset's period, and what it superseded
        cast(revision as integer) as revision,
        supersedes_load_id,
        cast(rows_before as bigint) as superseded_row_count

    from source

),

final as (

    select * from renamed

)

select * from final
