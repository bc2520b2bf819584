-- The rows of the latest-loaded extract of each quarter: a corrected (resent) quarterly file
-- supersedes every earlier extract of that quarter, including rows it no longer contains.

{{ latest_extract_rows(ref('stg_nva__participant_months'), 'extract_period', incremental=true) }}
