// Index for lookups of TaskForce by name.
// Parameters: none. Schema (write).
CREATE INDEX taskforce_name IF NOT EXISTS FOR (n:TaskForce) ON (n.name)
