// Index for lookups of Contact by name.
// Parameters: none. Schema (write).
CREATE INDEX contact_name IF NOT EXISTS FOR (n:Contact) ON (n.name)
