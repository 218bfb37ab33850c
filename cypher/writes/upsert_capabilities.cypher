// Update capabilities from a roster batch, keyed on id, with their OFFERS, COVERS and VIA links; counts the changed (and any new) rows.
// New rows go to writes/create_capabilities; this MERGE still creates a row deleted since its fingerprint was read.
// Rows whose stored fingerprint is unchanged are skipped; changed rows lost their old links in writes/unlink_capabilities.
// Parameters: rows (list of {id, props, fingerprint, organization, covers: [jurisdiction id], contact,
//   notify: ALL_MEMBERS or null for FIRST, source: where it came from or null}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:Capability {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (c:Capability {id: row.id})
SET c += row.props, c.notify = row.notify, c.source = row.source, c.fingerprint = row.fingerprint, c.place_ids = row.covers
WITH c, row, before
MATCH (o:Organization {id: row.organization})
CREATE (o)-[:OFFERS]->(c)
WITH c, row, before
CALL (c, row) {
  UNWIND row.covers AS placeId
  MATCH (j:Jurisdiction {id: placeId})
  CREATE (c)-[:COVERS]->(j)
}
CALL (c, row) {
  UNWIND (CASE WHEN row.contact IS NULL THEN [] ELSE [row.contact] END) AS contactId
  MATCH (p:Contact {id: contactId})
  CREATE (c)-[:VIA]->(p)
}
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
