// Before a changed place fact row is written: drop its ABOUT link (replaced from the row).
// Parameters: rows (list of {id, fingerprint}). Write.
UNWIND $rows AS row
MATCH (f:PlaceFact {id: row.id})
WHERE f.fingerprint <> row.fingerprint
MATCH (f)-[link:ABOUT]->(:Jurisdiction)
DELETE link
