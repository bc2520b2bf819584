-- The spending rows of the latest-loaded extract of each quarter: a resent quarter supersedes
-- the whole earlier file of that quarter (a category it no longer lists had no expenditure).

{{ latest_extract_rows(ref('stg_ikvd__spending'), 'reporting_quarter') }}
