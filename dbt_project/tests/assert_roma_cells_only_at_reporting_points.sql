-- The disclosure model (Python, privacy.disclosure.REPORTING_MONTHS) and the marts (the macro
-- roma_reporting_point) agree on which months are Roma reporting points.

select indicator_code, period, geo_code
from {{ ref('int_roma_cell_disclosure') }}
where period != {{ roma_reporting_point('period') }}
