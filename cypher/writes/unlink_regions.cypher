// Before a changed region row is written: drop its PART_OF its state and its counties' PART_OF it (the member set is replaced).
// Parameters: rows (list of {id, fingerprint}). Write.
UNWIND $rows AS row
MATCH (r:Jurisdiction {id: row.id})
WHERE r.fingerprint <> row.fingerprint
MATCH (r)-[link:PART_OF]-(:Jurisdiction)
DELETE link
