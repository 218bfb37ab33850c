// Index for the audit trail of one record (changes(entity: ...)).
// Parameters: none. Schema (write).
CREATE INDEX change_entity IF NOT EXISTS FOR (n:Change) ON (n.entity)
