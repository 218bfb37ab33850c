// Index for the audit trail by time (changes(since: ...)).
// Parameters: none. Schema (write).
CREATE INDEX change_at IF NOT EXISTS FOR (n:Change) ON (n.at)
