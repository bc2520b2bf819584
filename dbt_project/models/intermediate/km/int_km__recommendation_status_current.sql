-- The status changes of the latest-loaded extract of each year: a corrected (resent) yearly
-- file supersedes every earlier file of that year, including changes it no longer lists.

{{ latest_extract_rows(ref('stg_km__recommendation_status'), 'extract_period') }}
