// The task forces each organization belongs to, with its lead flag, members and areas.
// Parameters: $ids (list of organization ids). Read.
UNWIND $ids AS id
MATCH (o:Organization {id: id})-[m:MEMBER_OF]->(t:TaskForce)
RETURN id, coalesce(m.lead, false) AS lead, t {
  .*,
  members: [(t)<-[mm:MEMBER_OF]-(x:Organization) | {id: x.id, lead: coalesce(mm.lead, false)}],
  areas: [(t)-[:SERVES]->(j:Jurisdiction) | j {.id, .name, .kind, .level}]
} AS task_force
ORDER BY id, toLower(t.name), t.id
