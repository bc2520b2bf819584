-- Every indicator's published values (docs/indicators.md): one row per indicator x month x
-- geography x breakdown (int_indicator_values_unsuppressed). Roma cells are published as
-- int_roma_cell_disclosure allows (docs/privacy.md): the count at the month's Roma reporting
-- point (the latest quarter end, value_as_of), rounded to the rounding base, or NULL when
-- withheld; no monthly Roma increase; a Roma share only from published counts with a
-- denominator of at least roma_share_min_denominator. The unsuppressed_* columns stay in the
-- warehouse and in the Ministry's internal snapshot; the public snapshot never has them.
-- Each row also carries its label (a category's name from ref_category_labels) and the place
-- it takes in the views (breakdown_order: sex, age band, education level, category, Roma).

with

indicator_values as (

    select * from {{ ref('int_indicator_values_unsuppressed') }}

),

indicators as (

    select * from {{ ref('dim_indicators') }}

),

geography as (

    select * from {{ ref('dim_geography') }}

),

category_labels as (

    select * from {{ ref('ref_category_labels') }}

),

roma_cells as (

    select * from {{ ref('int_roma_cell_disclosure') }}

),

with_reporting_point as (

    select
        indicator_values.*,
        indicators.denominator_indicator_code,
        indicators.source,
        case
            when indicator_values.breakdown = 'ethnicity'
                then {{ roma_reporting_point('indicator_values.period') }}
            else indicator_values.period
        end as reporting_point
    from indicator_values
    inner join indicators
        on indicator_values.indicator_code = indicators.indicator_code

),

flagged as (

    select
        with_reporting_point.*,
        with_reporting_point.breakdown = 'ethnicity' as is_roma,
        roma.period as roma_as_of,
        roma.published_value as roma_value,
        roma.withheld_reason,
        roma_denominators.published_value as roma_denominator,
        coalesce(roma_denominators.withheld_reason is not null, false)
            as is_roma_denominator_withheld
    from with_reporting_point
    left join roma_cells as roma
        on
            with_reporting_point.breakdown = 'ethnicity'
            and with_reporting_point.indicator_code = roma.indicator_code
            and with_reporting_point.reporting_point = roma.period
            and with_reporting_point.geo_code = roma.geo_code
    left join roma_cells as roma_denominators
        on
            with_reporting_point.breakdown = 'ethnicity'
            and with_reporting_point.denominator_indicator_code = roma_denominators.indicator_code
            and with_reporting_point.reporting_point = roma_denominators.period
            and with_reporting_point.geo_code = roma_denominators.geo_code

),

final as (

    select
        flagged.indicator_code,
        flagged.period,
        flagged.geo_level,
        flagged.geo_code,
        geography.geo_name_lv,
        geography.geo_name_en,
        flagged.breakdown,
        flagged.breakdown_value,
        case when flagged.is_roma then flagged.roma_value else flagged.value end as value,
        case when flagged.is_roma then flagged.roma_as_of else flagged.period end as value_as_of,
        case when not flagged.is_roma then flagged.value_in_period end as value_in_period,
        case
            when flagged.is_roma then flagged.roma_denominator else flagged.denominator
        end as denominator,
        case
            when not flagged.is_roma then flagged.share
            when flagged.roma_denominator >= {{ var('roma_share_min_denominator') }}
                then flagged.roma_value / flagged.roma_denominator
        end as share,  -- noqa: RF04
        flagged.ethnicity_coverage,
        coalesce(flagged.is_roma and flagged.withheld_reason is not null, false) as is_suppressed,
        flagged.is_roma and flagged.is_roma_denominator_withheld as is_denominator_suppressed,
        -- a share over a withheld value or denominator is withheld with them
        coalesce(
            flagged.is_roma
            and (flagged.withheld_reason is not null or flagged.is_roma_denominator_withheld),
            false
        ) as is_share_suppressed,
        coalesce(flagged.is_roma and flagged.roma_value is not null, false) as is_rounded,
        flagged.withheld_reason as suppression_reason,
        flagged.value as unsuppressed_value,
        flagged.value_in_period as unsuppressed_value_in_period,
        flagged.denominator as unsuppressed_denominator,
        flagged.share as unsuppressed_share,
        category_labels.name_lv as label_lv,
        category_labels.name_en as label_en,
        case
            when flagged.breakdown = 'total' then 0
            when flagged.breakdown = 'sex' and flagged.breakdown_value = 'female' then 101
            when flagged.breakdown = 'sex' and flagged.breakdown_value = 'male' then 102
            when flagged.breakdown = 'sex' then 199
            when flagged.breakdown = 'age_band' and flagged.breakdown_value = 'under_25' then 201
            when flagged.breakdown = 'age_band' and flagged.breakdown_value = '25_54' then 202
            when flagged.breakdown = 'age_band' and flagged.breakdown_value = '55_plus' then 203
            when flagged.breakdown = 'age_band' then 299
            when flagged.breakdown = 'education_level'
                and flagged.breakdown_value = 'isced_0_2' then 301
            when flagged.breakdown = 'education_level'
                and flagged.breakdown_value = 'isced_3_4' then 302
            when flagged.breakdown = 'education_level'
                and flagged.breakdown_value = 'isced_5_8' then 303
            when flagged.breakdown = 'education_level'
                and flagged.breakdown_value = 'unknown' then 304
            when flagged.breakdown = 'education_level' then 399
            when flagged.breakdown = 'category' then 499
            when flagged.breakdown = 'ethnicity' and flagged.breakdown_value = 'roma' then 501
            when flagged.breakdown = 'ethnicity' then 599
            else 999
        end as breakdown_order
    from flagged
    inner join geography
        on flagged.geo_code = geography.geo_code
    left join category_labels
        on
            flagged.breakdown = 'category'
            and flagged.source = category_labels.source
            and flagged.breakdown_value = category_labels.category_code

)

select * from final
