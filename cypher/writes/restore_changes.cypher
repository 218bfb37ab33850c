// Put back audit-trail entries from a backup, unchanged (refgraph import).
// Parameters: $rows (list of Change property maps). Write.
UNWIND $rows AS row
MERGE (c:Change {id: row.id})
SET c += row
RETURN count(c) AS restored
