// Index for lookups of Organization by name.
// Parameters: none. Schema (write).
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name)
