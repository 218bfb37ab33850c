// Before a changed contact row is written: drop its WORKS_FOR link (it is re-linked from the row).
// Parameters: rows (list of {id, fingerprint}). Write.
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
WHERE c.fingerprint <> row.fingerprint
MATCH (c)-[link:WORKS_FOR]->(:Organization)
DELETE link
