// Index for lookups of Jurisdiction by fips.
// Parameters: none. Schema (write).
CREATE INDEX jurisdiction_fips IF NOT EXISTS FOR (n:Jurisdiction) ON (n.fips)
