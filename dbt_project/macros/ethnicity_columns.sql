{#-
    ethnicity_code (as delivered, normalised: romu / cita / nav norādīta) and ethnicity
    (roma / other / not_stated) from the raw self-declared `column`.
-#}
{% macro ethnicity_columns(column='ethnicity') -%}
    nfc_normalize(lower(trim({{ column }}))) as ethnicity_code,
    case nfc_normalize(lower(trim({{ column }})))
        when 'romu' then 'roma'
        when 'cita' then 'other'
        when nfc_normalize('nav norādīta') then 'not_stated'
    end as ethnicity
{%- endmacro %}
