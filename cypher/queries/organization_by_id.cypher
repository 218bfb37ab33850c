// One organization with its contacts, capabilities (and where each covers) and task forces.
// Parameters: $id (organization id). Read.
MATCH (o:Organization {id: $id})
RETURN o {
  .*,
  contacts: [(o)<-[:WORKS_FOR]-(c:Contact) | c {.*}],
  capabilities: [(o)-[:OFFERS]->(cap:Capability) | cap {
    .*,
    covers: [(cap)-[:COVERS]->(j:Jurisdiction) | j {.id, .name, .kind}],
    contact: [(cap)-[:VIA]->(c:Contact) | c.id][0]
  }],
  taskforces: [(o)-[m:MEMBER_OF]->(t:TaskForce) | t {.id, .name, lead: coalesce(m.lead, false)}]
} AS organization
