// Test fixtures only: every capability with its links, to compare the graph before and after an import.
// Parameters: none. Read.
MATCH (c:Capability)
OPTIONAL MATCH (o:Organization)-[:OFFERS]->(c)
WITH c, collect(o.id) AS offeredBy
OPTIONAL MATCH (c)-[:COVERS]->(j:Jurisdiction)
WITH c, offeredBy, collect(j.id) AS covers
OPTIONAL MATCH (c)-[:VIA]->(p:Contact)
WITH c, offeredBy, covers, collect(p.id) AS via
RETURN c.id AS id, c.fingerprint AS fingerprint, c.notes AS notes, offeredBy, covers, via
ORDER BY id
