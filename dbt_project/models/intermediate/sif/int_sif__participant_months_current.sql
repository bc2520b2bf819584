-- The rows of the latest-loaded extract of each reporting month: a corrected (resent) file for a
-- month supersedes every earlier extract of that month, including rows it no longer contains.

{{ latest_extract_rows(ref('stg_sif__participant_months'), 'reporting_month', incremental=true) }}
