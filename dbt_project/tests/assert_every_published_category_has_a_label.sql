-- Every category the indicators publish has a Latvian and an English name
-- (seeds/catalogue/ref_category_labels.csv). Returns the unlabelled categories.

with

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}
    where breakdown = 'category'

),

indicators as (

    select * from {{ ref('dim_indicators') }}

),

labels as (

    select * from {{ ref('ref_category_labels') }}

),

published_categories as (

    select distinct
        indicators.source,
        indicator_values.breakdown_value as category_code
    from indicator_values
    inner join indicators
        on indicator_values.indicator_code = indicators.indicator_code

),

final as (

    select published_categories.*
    from published_categories
    left join labels
        on
            published_categories.source = labels.source
            and published_categories.category_code = labels.category_code
    where labels.category_code is null

)

select * from final
