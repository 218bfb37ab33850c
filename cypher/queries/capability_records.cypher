// Capabilities by id, every property, the offering organization, the places covered and the contact.
// Parameters: $ids (list of capability ids). Read.
UNWIND $ids AS id
MATCH (c:Capability {id: id})
RETURN c {
  .*,
  organization: [(c)<-[:OFFERS]-(o:Organization) | o.id][0],
  covers: [(c)-[:COVERS]->(j:Jurisdiction) | j {.id, .name, .kind, .level}],
  contact: [(c)-[:VIA]->(k:Contact) | k.id][0]
} AS capability
