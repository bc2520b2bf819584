{#-
    The indicators' label of a situation on leaving or at follow-up, from the normalised code
    `code_expr`: employed, in_education, ngo_youth_centre (JSPA only), job_searching, inactive,
    unknown; null for anything else.
-#}
{% macro leaving_outcome_label(code_expr) -%}
    case {{ code_expr }}
        when nfc_normalize('izglītībā') then 'in_education'
        when nfc_normalize('NVO/jauniešu centrā') then 'ngo_youth_centre'
        when nfc_normalize('nodarbināts') then 'employed'
        when nfc_normalize('meklē darbu') then 'job_searching'
        when nfc_normalize('neaktīvs') then 'inactive'
        when nfc_normalize('nav zināms') then 'unknown'
    end
{%- endmacro %}
