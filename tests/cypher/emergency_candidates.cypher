// Test reference (tests/test_routing_model.py): every live capability an emergency block could
// pick, found by visiting every capability covering the place's ancestors with no situation,
// hours or cut applied (the test applies the Python rule): tip reporting, or offered by a
// law-enforcement organization of
// $local_types or $federal_types; each with its nearest coverage, contact and, for federal
// offices, their after-hours contacts.
// Parameters: place (jurisdiction id), local_types, federal_types. Read.
MATCH up = (:Jurisdiction {id: $place})-[:PART_OF*0..]->(j:Jurisdiction)
WITH j, min(length(up)) AS hops
MATCH (j)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
WHERE c.retired_on IS NULL AND o.retired_on IS NULL
  AND (c.service = 'TIP_REPORTING' OR o.type IN $local_types OR o.type IN $federal_types)
WITH c, o, j, hops
ORDER BY coalesce(j.level, 9), hops
WITH c, o, collect({id: j.id, name: j.name, kind: j.kind, level: j.level, hops: hops})[0] AS via
OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
WHERE k.retired_on IS NULL
WITH c, o, k, via, CASE WHEN o.type IN $federal_types
    THEN [(o)<-[:WORKS_FOR]-(f:Contact) WHERE f.retired_on IS NULL AND f.after_hours_phone IS NOT NULL
          | f {.id, .name, .role, .unit, .phone, .after_hours_phone, .email}]
    ELSE [] END AS federal
RETURN via, federal,
  c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
     .priority, .verified_on, .notes} AS capability,
  o {.id, .name, .type, .sector, .phone, .hours, .trained_on} AS organization,
  k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email, .trained_on} AS contact
