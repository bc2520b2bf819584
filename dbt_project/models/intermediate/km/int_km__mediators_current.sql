-- The mediator counts of the latest-loaded extract of each year: a corrected (resent) yearly
-- file supersedes every earlier file of that year.

{{ latest_extract_rows(ref('stg_km__mediators'), 'extract_period') }}
