// Task forces serving one place or a place enclosing it (SERVES the place or an ancestor),
// nearest first, each with the jurisdiction it serves and its member organizations.
// Parameters: $id (jurisdiction id). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
MATCH up = (:Jurisdiction {id: $id})-[:PART_OF*0..]->(j:Jurisdiction)<-[:SERVES]-(t:TaskForce)
WITH t, j, length(up) - 1 AS hops
ORDER BY hops, j.id
WITH t, collect(j {.id, .name, .kind})[0] AS via, min(hops) AS hops
RETURN t {.id, .name, .notes, .verified_on} AS taskforce, via, hops,
  [(t)<-[m:MEMBER_OF]-(o:Organization) WHERE (o.retired_on IS NULL OR o.retired_on > $today)
    | o {.id, .name, .type, .phone, lead: coalesce(m.lead, false)}] AS members
ORDER BY hops, taskforce.name
