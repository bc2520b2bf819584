-- The workshops of the latest-loaded extract of each year: a corrected (resent) yearly file
-- supersedes every earlier file of that year, including workshops it no longer lists.

{{ latest_extract_rows(ref('stg_km__workshops'), 'extract_period') }}
