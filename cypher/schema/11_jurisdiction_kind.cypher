// Index for lookups of Jurisdiction by kind.
// Parameters: none. Schema (write).
CREATE INDEX jurisdiction_kind IF NOT EXISTS FOR (n:Jurisdiction) ON (n.kind)
