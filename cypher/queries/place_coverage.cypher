// Every live capability covering one place (COVERS the place or an ancestor via PART_OF*0..),
// each with its nearest covering jurisdiction, organization and VIA contact; plus the place
// and its time zone (own, else the nearest ancestor's). The matrix's one round trip: it
// applies the situation predicate itself (service.domain.models.Situation.accepts) for each of its
// cells and profiles. Each ancestor is found once, with its nearest distance, before its
// coverage is expanded. Parameters: $place (jurisdiction id), $services (service names). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
MATCH (p:Jurisdiction {id: $place})
CALL (p) {
  OPTIONAL MATCH up = (p)-[:PART_OF*0..]->(z:Jurisdiction)
  WHERE z.timezone IS NOT NULL
  WITH z, up ORDER BY length(up), z.level
  RETURN collect(z.timezone)[0] AS timezone
}
CALL (p) {
  MATCH up = (p)-[:PART_OF*0..]->(j:Jurisdiction)
  WITH j, min(length(up)) AS hops
  MATCH (j)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
  WHERE (c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today)
    AND c.service IN $services
  WITH c, o, j, hops
  ORDER BY coalesce(j.level, 9), hops
  WITH c, o, collect({id: j.id, name: j.name, kind: j.kind, level: j.level, hops: hops})[0] AS via
  OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
  WHERE (k.retired_on IS NULL OR k.retired_on > $today)
  // projections first, then the map: ArcadeDB drops a map literal that holds a projection
  // (Neo4j keeps it, and both answer alike this way: docs/engines.md)
  WITH via,
    c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
       .priority, .verified_on, .notes, .notify} AS capability,
    o {.id, .name, .type, .sector, .phone, .hours, .trained_on} AS organization,
    k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email, .trained_on} AS contact
  RETURN collect({capability: capability, organization: organization, contact: contact,
                  via: via, federal: []}) AS capabilities
}
RETURN p {.id, .name, .kind, .state, .population} AS place, timezone, capabilities
