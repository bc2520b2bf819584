{#-
    A fingerprint of a group of rows (an aggregate): the sum of a 64-bit hash of `columns`.
    Models that are incremental by key store it with each key's result and rebuild a key only
    when its rows' fingerprint changed. For rows of the participant-month models, the month, the
    extract's sha256 and the row's number in it identify the row's content (a staging model
    computes the rest from them), so hashing those three is enough. Two different sets of rows
    would have to collide in a 64-bit hash sum to be missed.
-#}
{% macro rows_fingerprint(columns) %}
    sum(cast(hash({{ columns | join(', ') }}) as hugeint))
{%- endmacro %}


{#-
    The pre-hook of a model that is incremental by key (delete + insert by its unique key): it
    deletes the keys whose rows are gone from `rows_relation` (matched on `key_columns`), which
    a delete + insert of the keys a build selects cannot remove. Use it as a hook string, so
    that it is rendered when the model runs:
    pre_hook="{{ incremental_delete_gone_keys(ref('...'), ['key']) }}"
-#}
{% macro incremental_delete_gone_keys(rows_relation, key_columns) %}
    {%- if is_incremental() -%}
        delete from {{ this }} as built
        where not exists (
            select 1
            from {{ rows_relation }} as current_rows
            where
            {%- for column in key_columns %}
                {% if not loop.first %}and {% endif %}current_rows.{{ column }} = built.{{ column }}
            {%- endfor %}
        )
    {%- else -%}
        select 1
    {%- endif -%}
{% endmacro %}


{#-
    The rows of `relation` (a participant-month model) for a model that is incremental by key:
    in a full build every row; in an incremental build only the rows of the keys whose rows'
    fingerprint differs from the one the model holds for the key (a new key, or a key with a new,
    corrected or removed month). Each row carries its key's rows_fingerprint, which the model
    stores. Pair with `incremental_delete_gone_keys` (keys whose rows are all gone). The key
    columns are never NULL (the staging models' not_null tests fail the build first): a row
    with a NULL key would match no fingerprint and be left out.
-#}
{% macro rows_of_changed_keys(relation, key_columns) %}
    select
        key_rows.*,
        key_fingerprints.rows_fingerprint
    from {{ relation }} as key_rows
    inner join (
        select
            {{ key_columns | join(', ') }},
            {{ rows_fingerprint(['reporting_month', 'extract_sha256', 'source_row_number']) }}
                as rows_fingerprint
        from {{ relation }}
        group by {{ key_columns | join(', ') }}
    ) as key_fingerprints
        on
        {%- for column in key_columns %}
            {% if not loop.first %}and {% endif %}key_rows.{{ column }} = key_fingerprints.{{ column }}
        {%- endfor %}
    {%- if is_incremental() %}
    where not exists (
        select 1
        from {{ this }} as built
        where
            built.rows_fingerprint = key_fingerprints.rows_fingerprint
            {%- for column in key_columns %}
            and built.{{ column }} = key_fingerprints.{{ column }}
            {%- endfor %}
    )
    {%- endif %}
{% endmacro %}
