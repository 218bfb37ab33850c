// Index for lookups of Organization by type.
// Parameters: none. Schema (write).
CREATE INDEX organization_type IF NOT EXISTS FOR (n:Organization) ON (n.type)
