// Before a changed capability row is written: drop its OFFERS, COVERS and VIA links (all are replaced from the row),
// marking the jurisdictions it covered cov_stale (writes/refresh_coverage_digests rebuilds their digests).
// Parameters: rows (list of {id, fingerprint}). Write.
UNWIND $rows AS row
MATCH (c:Capability {id: row.id})
WHERE c.fingerprint <> row.fingerprint
MATCH (c)-[link:OFFERS|COVERS|VIA]-(x)
FOREACH (j IN CASE WHEN type(link) = 'COVERS' THEN [x] ELSE [] END | SET j.cov_stale = true)
DELETE link
