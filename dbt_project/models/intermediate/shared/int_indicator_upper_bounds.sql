-- Every pair of indicators where the first never exceeds the second at the same place and
-- time: a result and its denominator (results <= leavers), and the reviewed pairs of
-- ref_indicator_upper_bounds (leavers <= participants). The disclosure audit's attacker
-- knows these (docs/privacy.md).

with

indicators as (

    select * from {{ ref('dim_indicators') }}

),

reviewed_bounds as (

    select * from {{ ref('ref_indicator_upper_bounds') }}

),

final as (

    select
        indicator_code,
        denominator_indicator_code as upper_bound_indicator_code
    from indicators
    where denominator_indicator_code is not null
    union
    select
        indicator_code,
        upper_bound_indicator_code
    from reviewed_bounds

)

select * from final
