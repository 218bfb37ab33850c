// Every live capability covering one place (COVERS the place or an ancestor via PART_OF*0..),
// each with its nearest covering jurisdiction, organization and VIA contact; plus the place
// and its time zone (own, else the nearest ancestor's). One round trip for route and matrix:
// the situation predicate is applied by the caller (service.models.Situation.accepts).
// Parameters: $place (jurisdiction id), $services (list of service names),
//   $emergency (bool: also every TIP_REPORTING and law-enforcement capability),
//   $le_types (organization types counted as law enforcement), $federal_types (FBI, HSI). Read.
MATCH (p:Jurisdiction {id: $place})
CALL (p) {
  OPTIONAL MATCH up = (p)-[:PART_OF*0..]->(z:Jurisdiction)
  WHERE z.timezone IS NOT NULL
  WITH z, up ORDER BY length(up), z.level
  RETURN collect(z.timezone)[0] AS timezone
}
CALL (p) {
  MATCH up = (p)-[:PART_OF*0..]->(j:Jurisdiction)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
  WHERE c.retired_on IS NULL AND o.retired_on IS NULL
    AND (c.service IN $services
         OR ($emergency AND (c.service = 'TIP_REPORTING' OR o.type IN $le_types)))
  WITH c, o, j, length(up) - 2 AS hops
  ORDER BY coalesce(j.level, 9), hops
  WITH c, o, collect({id: j.id, name: j.name, kind: j.kind, level: j.level, hops: hops})[0] AS via
  OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
  WHERE k.retired_on IS NULL
  WITH c, o, k, via, CASE WHEN $emergency AND o.type IN $federal_types
      THEN [(o)<-[:WORKS_FOR]-(f:Contact) WHERE f.retired_on IS NULL AND f.after_hours_phone IS NOT NULL
            | f {.id, .name, .role, .unit, .phone, .after_hours_phone, .email}]
      ELSE [] END AS federal
  // projections first, then the map: ArcadeDB drops a map literal that holds a projection
  WITH via, federal,
    c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
       .priority, .verified_on, .notes} AS capability,
    o {.id, .name, .type, .sector, .phone, .hours} AS organization,
    k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email} AS contact
  RETURN collect({capability: capability, organization: organization, contact: contact,
                  via: via, federal: federal}) AS capabilities
}
RETURN p {.id, .name, .kind, .state, .population} AS place, timezone, capabilities
