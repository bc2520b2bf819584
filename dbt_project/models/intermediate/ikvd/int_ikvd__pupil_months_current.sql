-- The pupil months of the latest-loaded extract of each quarter: a corrected (resent) quarterly
-- file supersedes the whole earlier file of that quarter, including rows it no longer contains.

{{ latest_extract_rows(ref('stg_ikvd__pupil_months'), 'extract_period', incremental=true) }}
