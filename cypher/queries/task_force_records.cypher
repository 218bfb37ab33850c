// Task forces by id, every property, the member organizations (lead flagged) and the places served.
// Parameters: $ids (list of task force ids). Read.
UNWIND $ids AS id
MATCH (t:TaskForce {id: id})
RETURN t {
  .*,
  members: [(t)<-[m:MEMBER_OF]-(o:Organization) | {id: o.id, lead: coalesce(m.lead, false)}],
  areas: [(t)-[:SERVES]->(j:Jurisdiction) | j {.id, .name, .kind, .level}]
} AS task_force
