-- The rows of the latest-loaded extract of each reporting month: a corrected (resent) file for a
-- month supersedes every earlier extract of that month, including rows it no longer contains.

with

participant_months as (

    select * from {{ ref('stg_sif__participant_months') }}

),

extracts as (

    select
        reporting_month,
        extract_sha256,
        max(loaded_at) as loaded_at
    from participant_months
    group by reporting_month, extract_sha256

),

extracts_ranked as (

    select
        reporting_month,
        extract_sha256,
        row_number() over (
            partition by reporting_month
            order by loaded_at desc, extract_sha256 desc
        ) as load_rank
    from extracts

),

latest_extract_per_month as (

    select
        reporting_month,
        extract_sha256
    from extracts_ranked
    where load_rank = 1

),

final as (

    select participant_months.*
    from participant_months
    inner join latest_extract_per_month
        on
            participant_months.reporting_month = latest_extract_per_month.reporting_month
            and participant_months.extract_sha256 = latest_extract_per_month.extract_sha256

)

select * from final
