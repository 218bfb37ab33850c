// The version of the data: every write records a Change in its own transaction (service.ops.audit),
// so the number of changes and the newest one's time change with every write. Reports
// (service.store.reports) keep an answer while this stays the same.
// Parameters: none. Read.
MATCH (c:Change)
RETURN count(c) AS changes, max(c.at) AS latest
