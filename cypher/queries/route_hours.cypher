// Routing at a moment, first step: the place, its time zone (own, else the nearest
// ancestor's) and the distinct hours texts (blank = default hours) of the live organizations
// whose live capabilities for the requested services cover it, so the caller can decide
// which are open at the moment (service.hours) before queries/route_referrals ranks them.
// Parameters: $place (jurisdiction id), $services (service names). Read.
MATCH (p:Jurisdiction {id: $place})
CALL (p) {
  OPTIONAL MATCH up = (p)-[:PART_OF*0..]->(z:Jurisdiction)
  WHERE z.timezone IS NOT NULL
  WITH z, up ORDER BY length(up), z.level
  RETURN collect(z.timezone)[0] AS timezone
}
CALL (p) {
  OPTIONAL MATCH (p)-[:PART_OF*0..]->(:Jurisdiction)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
  WHERE c.retired_on IS NULL AND o.retired_on IS NULL AND c.service IN $services
  RETURN collect(DISTINCT coalesce(o.hours, '')) AS hours
}
RETURN p {.id, .name, .kind, .state, .population} AS place, timezone, hours
