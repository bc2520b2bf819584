{#-
    The lineage columns of a staging model: the loader's _extract_sha256, _source_file,
    _row_number and _loaded_at, renamed and typed as every layer above staging uses them.
-#}
{% macro lineage_columns() -%}
    _extract_sha256 as extract_sha256,
    _source_file as source_file,
    _row_number as source_row_number,
    cast(_loaded_at as timestamp) as loaded_at
{%- endmacro %}
