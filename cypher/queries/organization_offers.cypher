// Every capability each organization offers (retired included; the caller filters), with covers and contact.
// Parameters: $ids (list of organization ids). Read.
UNWIND $ids AS id
MATCH (o:Organization {id: id})-[:OFFERS]->(c:Capability)
RETURN id, c {
  .*, organization: id,
  covers: [(c)-[:COVERS]->(j:Jurisdiction) | j {.id, .name, .kind, .level}],
  contact: [(c)-[:VIA]->(k:Contact) | k.id][0]
} AS capability
ORDER BY id, c.service, coalesce(c.priority, 100), c.id
