-- The entity register snapshots of the latest-loaded extract of each quarter: a resent snapshot
-- supersedes the whole earlier snapshot of that quarter.

{{ latest_extract_rows(ref('stg_ikvd__entities'), 'reporting_quarter') }}
