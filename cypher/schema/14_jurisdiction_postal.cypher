// Index for lookups of Jurisdiction by postal.
// Parameters: none. Schema (write).
CREATE INDEX jurisdiction_postal IF NOT EXISTS FOR (n:Jurisdiction) ON (n.postal)
