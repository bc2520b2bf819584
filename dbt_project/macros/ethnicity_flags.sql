{#-
    is_roma and is_ethnicity_stated from an ethnicity label column (roma / other / not_stated);
    "not stated" stays unknown: it is neither Roma nor stated.
-#}
{% macro ethnicity_flags(ethnicity='ethnicity') -%}
    {{ ethnicity }} = 'roma' as is_roma,
    {{ ethnicity }} in ('roma', 'other') as is_ethnicity_stated
{%- endmacro %}
