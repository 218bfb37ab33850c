// Link each capability of a roster batch to its organization, the jurisdictions it covers and its contact (MERGE: unchanged links stay).
// Parameters: rows (list of {id, organization, covers: [jurisdiction id], contact}). Write.
UNWIND $rows AS row
MATCH (c:Capability {id: row.id})
MATCH (o:Organization {id: row.organization})
MERGE (o)-[:OFFERS]->(c)
WITH c, row
CALL (c, row) {
  UNWIND row.covers AS placeId
  MATCH (j:Jurisdiction {id: placeId})
  MERGE (c)-[:COVERS]->(j)
}
CALL (c, row) {
  UNWIND (CASE WHEN row.contact IS NULL THEN [] ELSE [row.contact] END) AS contactId
  MATCH (p:Contact {id: contactId})
  MERGE (c)-[:VIA]->(p)
}
RETURN count(*) AS linked
