{#- GENERATED from the contract registry (src/roma_monitor/contracts/registry.py) by
    `roma-monitor contracts export`: do not edit. -#}

{#- The sources, in the registry's order: each has a catalogue seed
    ref_indicator_catalogue_<source> and a units model int_<source>__indicator_units
    (docs/adding-a-source.md). -#}
{% macro indicator_sources() %}{{ return(["sif", "nva", "jspa", "ikvd", "km"]) }}{% endmacro %}

{#- The measures (SAM codes, `platform` for the Roma Platform) in the order the reports show
    them. -#}
{% macro measure_order() %}{{ return(["9.1.4.4", "7.4.1", "8.3.3", "8.3.4", "platform"]) }}{% endmacro %}
