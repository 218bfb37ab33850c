// Before a changed built-in jurisdiction is written: drop its PART_OF links to parents that are not regions (region links belong to the regions roster).
// Parameters: rows (list of {id, fingerprint}). Write.
UNWIND $rows AS row
MATCH (j:Jurisdiction {id: row.id})
WHERE j.fingerprint <> row.fingerprint
MATCH (j)-[link:PART_OF]->(parent:Jurisdiction)
WHERE parent.kind <> 'region'
DELETE link
