// Index for lookups of Capability by service.
// Parameters: none. Schema (write).
CREATE INDEX capability_service IF NOT EXISTS FOR (n:Capability) ON (n.service)
