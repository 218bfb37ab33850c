// Index for lookups of Jurisdiction by name.
// Parameters: none. Schema (write).
CREATE INDEX jurisdiction_name IF NOT EXISTS FOR (n:Jurisdiction) ON (n.name)
