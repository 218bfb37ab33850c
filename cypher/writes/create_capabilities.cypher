// Create capabilities that do not exist yet (no stored fingerprint for their ids), with their OFFERS, VIA and COVERS links; counts them.
// CREATE, not MERGE: nothing is looked up first; an id created meanwhile fails its uniqueness constraint and the import is retried.
// Parameters: rows (list of {id, props, fingerprint, organization, covers: [jurisdiction id, at least one],
//   contact, notify: ALL_MEMBERS or null for FIRST, source: where it came from or null}). Write.
UNWIND $rows AS row
MATCH (o:Organization {id: row.organization})
CREATE (o)-[:OFFERS]->(c:Capability {id: row.id})
SET c += row.props, c.notify = row.notify, c.source = row.source, c.fingerprint = row.fingerprint, c.place_ids = row.covers
WITH c, row
CALL (c, row) {
  UNWIND (CASE WHEN row.contact IS NULL THEN [] ELSE [row.contact] END) AS contactId
  MATCH (p:Contact {id: contactId})
  CREATE (c)-[:VIA]->(p)
}
WITH c, row
UNWIND row.covers AS placeId
MATCH (j:Jurisdiction {id: placeId})
CREATE (c)-[:COVERS]->(j)
RETURN count(DISTINCT c) AS created, 0 AS updated
