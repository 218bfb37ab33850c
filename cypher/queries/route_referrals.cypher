// Routing: whom to call for a situation at a place. A capability covers the place when it
// COVERS the place or an ancestor (PART_OF*0..), at its nearest such jurisdiction; it answers
// when it is live (its organization too), its service is asked for and it matches the
// situation (service.domain.models.CYPHER_MATCH, the rule Situation.accepts states in Python) and
// the hours: $hours when the caller gave them, else at the moment $at its organization's own
// hours (open_minutes) in the place's time zone (own, else the nearest ancestor's) decide.
// Per service: the first $limit ranked as service.domain.coverage.rank_key (nearest level, hops,
// trained, priority, most recently verified, id) and how many answer in all. A notify list
// (notify ALL_MEMBERS) comes with the other live members of the organization's task forces
// serving the place. In an emergency, the best capability of each of the nearest $limit
// local law-enforcement organizations ($local_types: any service, victim extraction first,
// the hours counting) and federal offices ($federal_types: the hours not counting, with their
// after-hours contacts), which service.domain.routing.emergency_block picks from.
// Parameters: $place, $services, $situation (the six dimensions, hours null), $hours, $at
// (epoch milliseconds, or null), $limit (null = all), $emergency, $local_types,
// $federal_types. Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
MATCH (p:Jurisdiction {id: $place})
CALL (p) {
  MATCH up = (p)-[:PART_OF*0..]->(j:Jurisdiction)
  WITH j, min(length(up)) AS hops ORDER BY hops, j.level
  RETURN collect({j: j, hops: hops}) AS chain, [a IN collect(j) WHERE a.timezone IS NOT NULL | a.timezone][0] AS timezone
}
WITH p, chain, timezone, CASE WHEN $at IS NOT NULL AND timezone IS NOT NULL
    THEN datetime({datetime: datetime({epochMillis: $at}), timezone: timezone}) END AS local
WITH p, chain, timezone, (local.dayOfWeek - 1) * 1440 + local.hour * 60 + local.minute AS minute
CALL (chain, minute) {
  UNWIND chain AS a
  WITH a.j AS j, a.hops AS hops, minute
  MATCH (j)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
  WITH j, hops, c, o, minute, $situation AS s, coalesce(o.open_minutes, []) AS spans
  WHERE (c.service IN $services OR ($emergency AND (o.type IN $local_types OR o.type IN $federal_types)))
    AND (c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today)
    AND (s.urgency IS NULL OR s.urgency IN c.urgency) AND (s.hours IS NULL OR s.hours IN c.hours) AND (s.nationality IS NULL OR s.nationality IN c.nationality) AND (s.age IS NULL OR s.age IN c.age) AND (s.gender IS NULL OR s.gender IN c.gender) AND (s.trafficking IS NULL OR s.trafficking IN c.trafficking)
  WITH c, o, j, hops, CASE
      WHEN $hours IS NOT NULL THEN $hours IN c.hours
      WHEN minute IS NULL THEN true
      WHEN any(i IN range(0, size(spans) - 2, 2) WHERE spans[i] <= minute AND minute < spans[i + 1])
        THEN 'BUSINESS_HOURS' IN c.hours
      ELSE 'AFTER_HOURS' IN c.hours END AS in_hours
  ORDER BY coalesce(j.level, 9), hops
  WITH c, o, in_hours, collect({id: j.id, name: j.name, kind: j.kind, level: coalesce(j.level, 9), hops: hops})[0] AS via
  OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
  WHERE (k.retired_on IS NULL OR k.retired_on > $today)
  WITH c, o, k, in_hours, via, CASE WHEN k IS NULL THEN o.trained_on IS NOT NULL ELSE k.trained_on IS NOT NULL END AS trained
  // rank_key's leading parts as one list: ArcadeDB sorts by one list faster than by five expressions (docs/engines.md)
  WITH {c: c, o: o, k: k, via: via, in_hours: in_hours} AS r, c.verified_on AS verified, c.id AS id,
    [via.level, via.hops, CASE WHEN trained THEN 0 ELSE 1 END, coalesce(c.priority, 100), CASE WHEN c.verified_on IS NULL THEN 1 ELSE 0 END] AS key
  ORDER BY key, verified DESC, id
  RETURN collect(r) AS ranked
}
CALL (ranked) {
  UNWIND $services AS service
  WITH service, [r IN ranked WHERE r.c.service = service AND r.in_hours] AS answering
  RETURN collect({service: service, total: size(answering)}) AS totals,
    reduce(all = [], r IN collect(CASE WHEN $limit IS NULL THEN answering ELSE answering[0..$limit] END) | all + r) AS chosen
}
CALL (ranked) {
  WITH ranked WHERE $emergency
  UNWIND range(0, size(ranked) - 1) AS rank
  WITH ranked[rank] AS r, rank
  WHERE r.o.type IN $federal_types OR (r.o.type IN $local_types AND r.in_hours)
  // of local law enforcement, victim extraction first among equally near capabilities
  WITH r, r.o.type IN $federal_types AS federal, [r.via.level, r.via.hops,
    CASE WHEN NOT r.o.type IN $federal_types AND r.c.service = 'VICTIM_EXTRACTION' THEN 0 ELSE 1 END, rank] AS key
  ORDER BY key
  WITH federal, r.o AS o, collect({r: r, key: key})[0] AS best
  ORDER BY best.key
  WITH federal, collect(best.r) AS nearest
  UNWIND (CASE WHEN $limit IS NULL THEN nearest ELSE nearest[0..$limit] END) AS r
  RETURN collect(r) AS picked
}
CALL (chosen, picked, chain) {
  UNWIND [r IN chosen | [r, false]] + [r IN coalesce(picked, []) | [r, true]] AS pick
  WITH pick[0] AS r, pick[1] AS emergency, [a IN chain | a.j.id] AS up
  WITH r.c AS c, r.o AS o, r.k AS k, r.via AS via, emergency, up
  // a referral's notify list: every other live member of the organization's task forces serving the place
  CALL (c, o, up, emergency) {
    OPTIONAL MATCH (o)-[:MEMBER_OF]->(t:TaskForce)-[:SERVES]->(s:Jurisdiction), (t)<-[:MEMBER_OF]-(x:Organization)
    WHERE NOT emergency AND c.notify = 'ALL_MEMBERS' AND s.id IN up AND x.id <> o.id
      AND (x.retired_on IS NULL OR x.retired_on > $today)
    RETURN collect(DISTINCT x {.id, .name, .type, .sector}) AS members
  }
  WITH emergency, via, members, CASE WHEN emergency AND o.type IN $federal_types
      THEN [(o)<-[:WORKS_FOR]-(f:Contact) WHERE (f.retired_on IS NULL OR f.retired_on > $today) AND f.after_hours_phone IS NOT NULL
            | f {.id, .name, .role, .unit, .phone, .after_hours_phone, .email}]
      ELSE [] END AS federal,
    c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
       .priority, .verified_on, .notes, .notify} AS capability,
    o {.id, .name, .type, .sector, .phone, .hours, .trained_on} AS organization,
    k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email, .trained_on} AS contact
  // projections first, then the map: ArcadeDB drops a map literal that holds a projection (docs/engines.md)
  WITH emergency, {capability: capability, organization: organization, contact: contact, via: via,
                   federal: federal, members: members} AS row
  RETURN [x IN collect(CASE WHEN NOT emergency THEN row END) WHERE x IS NOT NULL] AS capabilities,
    [x IN collect(CASE WHEN emergency THEN row END) WHERE x IS NOT NULL] AS emergency
}
RETURN p {.id, .name, .kind, .state, .population} AS place, timezone, capabilities, totals, emergency
