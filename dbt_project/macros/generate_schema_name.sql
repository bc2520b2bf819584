{#-
    Models land in the schema named in dbt_project.yml (staging, intermediate, marts,
    reference) exactly, not prefixed with the target schema as dbt does by default.
    Nodes without a custom schema go to the target schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
