// Before a changed task force row is written: drop its members' MEMBER_OF and its SERVES links (both are replaced).
// Parameters: rows (list of {id, fingerprint}). Write.
UNWIND $rows AS row
MATCH (t:TaskForce {id: row.id})
WHERE t.fingerprint <> row.fingerprint
MATCH (t)-[link:MEMBER_OF|SERVES]-()
DELETE link
