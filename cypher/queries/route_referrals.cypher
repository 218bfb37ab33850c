// Routing: for one place and situation, the best live capabilities per requested service
// (COVERS the place or an ancestor via PART_OF*0..), ranked nearest first, at most $limit
// per service, with how many match in all; plus the place and its time zone (own, else the
// nearest ancestor's) and, in an emergency, every tip-reporting and law-enforcement
// capability (unfiltered: the emergency block picks from them).
// The situation predicate after WHERE is service.models.CYPHER_MATCH verbatim. When a moment
// decides the hours ($zones not null, $situation.hours null), a capability must also take the
// organization's hours at that moment: business hours when the moment's minute of the week in
// the place's zone falls in one of the organization's open_minutes intervals (service.hours
// WeeklyHours.week_minutes, stored at import), else after hours
// (service.routing.effective_situation). A place whose zone is not in $zones gets no
// capabilities: the caller adds the zone and asks again.
// Each ancestor is found once, with its nearest distance, before its coverage is expanded
// (rather than a path per capability: ~15% faster on ArcadeDB).
// Ranking is service.coverage.rank_key: level, hops, priority (none = 100), most recently
// verified (none last), id.
// Parameters: $place (jurisdiction id), $services (service names), $situation (map of the six
//   dimensions, null = unknown), $zones (time zone names, or null when no moment decides the
//   hours) with $zone_minutes (the moment's minute of the week in each), $limit (referrals per
//   service, null = all), $emergency (bool), $le_types (organization types counted as law
//   enforcement), $federal_types (FBI, HSI). Read.
MATCH (p:Jurisdiction {id: $place})
CALL (p) {
  OPTIONAL MATCH up = (p)-[:PART_OF*0..]->(z:Jurisdiction)
  WHERE z.timezone IS NOT NULL
  WITH z, up ORDER BY length(up), z.level
  RETURN collect(z.timezone)[0] AS timezone
}
WITH p, timezone, [i IN range(0, size(coalesce($zones, [])) - 1) WHERE $zones[i] = timezone | $zone_minutes[i]][0] AS minute
CALL (p, minute) {
  WITH p, minute WHERE $zones IS NULL OR minute IS NOT NULL
  MATCH up = (p)-[:PART_OF*0..]->(j:Jurisdiction)
  WITH j, minute, min(length(up)) AS hops
  MATCH (j)<-[:COVERS]-(c:Capability)
  WHERE c.retired_on IS NULL AND c.service IN $services
  WITH c, j, hops, minute, $situation AS s
  WHERE (s.urgency IS NULL OR s.urgency IN c.urgency) AND (s.hours IS NULL OR s.hours IN c.hours) AND (s.nationality IS NULL OR s.nationality IN c.nationality) AND (s.age IS NULL OR s.age IN c.age) AND (s.gender IS NULL OR s.gender IN c.gender) AND (s.trafficking IS NULL OR s.trafficking IN c.trafficking)
  WITH c, j, minute, hops
  ORDER BY coalesce(j.level, 9), hops
  WITH c, minute, collect({id: j.id, name: j.name, kind: j.kind, level: coalesce(j.level, 9), hops: hops})[0] AS via
  MATCH (c)<-[:OFFERS]-(o:Organization)
  WHERE o.retired_on IS NULL
    AND (minute IS NULL
         OR CASE WHEN any(i IN range(0, size(o.open_minutes) - 2, 2)
                          WHERE o.open_minutes[i] <= minute AND minute < o.open_minutes[i + 1])
            THEN 'BUSINESS_HOURS' ELSE 'AFTER_HOURS' END IN c.hours)
  WITH c, o, via
  ORDER BY via.level, via.hops, coalesce(c.priority, 100),
    CASE WHEN c.verified_on IS NULL THEN 1 ELSE 0 END, c.verified_on DESC, c.id
  WITH c.service AS service, collect({c: c, o: o, via: via}) AS ranked
  WITH service, size(ranked) AS total,
    CASE WHEN $limit IS NULL THEN ranked ELSE ranked[0..$limit] END AS best
  UNWIND best AS r
  WITH service, total, r.c AS c, r.o AS o, r.via AS via
  OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
  WHERE k.retired_on IS NULL
  // projections first, then the map: ArcadeDB drops a map literal that holds a projection
  WITH service, total, via,
    c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
       .priority, .verified_on, .notes} AS capability,
    o {.id, .name, .type, .sector, .phone, .hours} AS organization,
    k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email} AS contact
  RETURN collect({capability: capability, organization: organization, contact: contact,
                  via: via, federal: []}) AS capabilities,
    collect(DISTINCT {service: service, total: total}) AS totals
}
CALL (p) {
  WITH p WHERE $emergency
  MATCH up = (p)-[:PART_OF*0..]->(j:Jurisdiction)
  WITH j, min(length(up)) AS hops
  MATCH (j)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
  WHERE c.retired_on IS NULL AND o.retired_on IS NULL
    AND (c.service = 'TIP_REPORTING' OR o.type IN $le_types)
  WITH c, o, j, hops
  ORDER BY coalesce(j.level, 9), hops
  WITH c, o, collect({id: j.id, name: j.name, kind: j.kind, level: j.level, hops: hops})[0] AS via
  OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
  WHERE k.retired_on IS NULL
  WITH c, o, k, via, CASE WHEN o.type IN $federal_types
      THEN [(o)<-[:WORKS_FOR]-(f:Contact) WHERE f.retired_on IS NULL AND f.after_hours_phone IS NOT NULL
            | f {.id, .name, .role, .unit, .phone, .after_hours_phone, .email}]
      ELSE [] END AS federal
  WITH via, federal,
    c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
       .priority, .verified_on, .notes} AS capability,
    o {.id, .name, .type, .sector, .phone, .hours} AS organization,
    k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email} AS contact
  RETURN collect({capability: capability, organization: organization, contact: contact,
                  via: via, federal: federal}) AS emergency
}
RETURN p {.id, .name, .kind, .state, .population} AS place, timezone, capabilities, totals, emergency
