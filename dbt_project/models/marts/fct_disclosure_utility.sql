-- What disclosure control publishes of the Roma cells (docs/privacy.md): per indicator,
-- Roma reporting point (quarter end) and geography level, how many cells are published and
-- withheld, by which rule, and how far the rounding moves the published counts. The rule split
-- and the rounding error are internal: in the public snapshot they could tell which cells are
-- nearly all Roma.

with

roma_cells as (

    select * from {{ ref('int_roma_cell_disclosure') }}

),

exact_values as (

    select * from {{ ref('int_indicator_values_unsuppressed') }}
    where breakdown = 'ethnicity'

),

geography as (

    select * from {{ ref('dim_geography') }}

),

cells as (

    select
        roma_cells.indicator_code,
        roma_cells.period,
        geography.geo_level,
        roma_cells.published_value,
        roma_cells.withheld_reason,
        abs(roma_cells.published_value - exact_values.value) as rounding_error
    from roma_cells
    inner join geography
        on roma_cells.geo_code = geography.geo_code
    inner join exact_values
        on
            roma_cells.indicator_code = exact_values.indicator_code
            and roma_cells.period = exact_values.period
            and roma_cells.geo_code = exact_values.geo_code

),

final as (

    select
        indicator_code,
        period,
        geo_level,
        count(*) as cells,
        count(published_value) as cells_published,
        count(withheld_reason) as cells_withheld,
        count(published_value) / count(*) as share_published,
        count(*) filter (where withheld_reason = 'complement') as cells_withheld_complement,
        count(*) filter (where withheld_reason = 'audit') as cells_withheld_audit,
        avg(rounding_error) as rounding_error_mean,
        cast(max(rounding_error) as bigint) as rounding_error_max
    from cells
    group by indicator_code, period, geo_level

)

select * from final
