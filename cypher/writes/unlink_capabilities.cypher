// Before a changed capability row is written: drop its OFFERS, COVERS and VIA links (all are replaced from the row).
// Parameters: rows (list of {id, fingerprint}). Write.
UNWIND $rows AS row
MATCH (c:Capability {id: row.id})
WHERE c.fingerprint <> row.fingerprint
MATCH (c)-[link:OFFERS|COVERS|VIA]-()
DELETE link
