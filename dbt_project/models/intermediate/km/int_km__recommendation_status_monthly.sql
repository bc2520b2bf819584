-- The status in force of every recommendation x municipality pair at the end of every month,
-- from the month of the first recorded status to December of the latest year with records:
-- the pair's latest record dated on or before the month's last day. A pair appears from the
-- month of its first record on.

with

history as (

    select * from {{ ref('int_km__recommendation_status_history') }}

),

bounds as (

    select
        cast(date_trunc('month', min(status_date)) as date) as first_month,
        cast(date_trunc('year', max(status_date)) + interval 11 month as date) as last_month
    from history

),

months as (

    select
        cast(unnest(generate_series(first_month, last_month, interval 1 month)) as date)
            as period
    from bounds

),

final as (

    select
        months.period,
        history.pair_key,
        history.recommendation_code,
        history.level,
        history.atvk_2021,
        history.planning_region_code,
        history.status,
        history.counts_as_addressed,
        history.status_date
    from months
    inner join history
        on
            history.status_date <= last_day(months.period)
            and (history.valid_to is null or history.valid_to > last_day(months.period))

)

select * from final
