// Index for the jurisdictions whose coverage digest a write left stale (writes/refresh_coverage_digests).
// Parameters: none. Schema (write).
CREATE INDEX jurisdiction_cov_stale IF NOT EXISTS FOR (n:Jurisdiction) ON (n.cov_stale)
