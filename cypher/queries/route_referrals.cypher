// Routing: for one place and situation, the best live capabilities per requested service
// (COVERS the place or an ancestor via PART_OF*0..), ranked nearest first, at most $limit
// per service, with how many match in all; plus the place and its time zone (own, else the
// nearest ancestor's) and, in an emergency, every tip-reporting and law-enforcement
// capability (unfiltered: the emergency block picks from them).
// The referrals come from the ancestors' coverage digests (CoverageDigest nodes, kept by
// writes/refresh_coverage_digests): each ancestor's keys are filtered with $pattern (services
// and situation as a regular expression over the key letters, service.digest.key_pattern),
// so the capabilities covering a place are never visited one by one; only the chosen ones
// (at most $limit per service, plus any that tie on the same level and distance) are
// expanded. When a moment decides the hours ($zones not null, situation hours unknown), a
// capability taking one hours value must also take the organization's hours at that moment:
// the moment's hour of the week in the place's zone picks the organization's letter in the
// key ('1' open the whole hour, '0' closed); a 'p' (open part of that hour) is decided from
// the organization's open_minutes. A place whose zone is not in $zones gets no capabilities:
// the caller adds the zone and asks again. A capability marked ! in a digest may cover another
// of the place's ancestors: once seen, it is left out at every farther ancestor (counted once,
// at the nearest).
// Ranking is service.coverage.rank_key: level, hops, then the digest's order (priority (none =
// 100), most recently verified (none last), id); ties in level and hops between two ancestors
// return the first $limit of each, and the caller ranks and cuts (service.routing).
// Parameters: $place (jurisdiction id), $services (service names), $pattern (the key pattern
//   without the hours letter when a moment decides it), $zones (time zone names, or null when
//   no moment decides the hours) with $zone_minutes (the moment's minute of the week in each),
//   $limit (referrals per service, null = all), $emergency (bool), $le_types (organization
//   types counted as law enforcement), $federal_types (FBI, HSI). Read.
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
  OPTIONAL MATCH (d:CoverageDigest {id: j.id})
  WITH j, minute, hops, coalesce(j.level, 9) AS level, coalesce(d.keys, []) AS keys,
    CASE WHEN minute IS NULL THEN $pattern + '.*'
      ELSE $pattern + '(c#.*|a\\|.{' + toString(minute / 60) + '}1.*|b\\|.{' + toString(minute / 60) + '}0.*)' END AS pass,
    CASE WHEN minute IS NULL THEN null ELSE $pattern + '[ab]\\|.{' + toString(minute / 60) + '}p.*' END AS unsure
  ORDER BY level, hops
  WITH minute, collect({via: {id: j.id, name: j.name, kind: j.kind, level: level, hops: hops},
                        matched: [k IN keys WHERE k =~ pass], unsure: [k IN keys WHERE unsure IS NOT NULL AND k =~ unsure]}) AS chain
  CALL (chain, minute) {
    UNWIND chain AS a
    UNWIND a.unsure AS k
    WITH k, minute, split(k, '#')[1] AS id
    MATCH (c:Capability {id: id})<-[:OFFERS]-(o:Organization)
    WITH k, c, minute, coalesce(o.open_minutes, []) AS spans
    WHERE CASE WHEN any(i IN range(0, size(spans) - 2, 2) WHERE spans[i] <= minute AND minute < spans[i + 1])
               THEN 'BUSINESS_HOURS' ELSE 'AFTER_HOURS' END IN c.hours
    RETURN collect(k) AS opened
  }
  WITH [a IN chain | {via: a.via, hits: a.matched + [u IN a.unsure WHERE u IN opened]}] AS chain
  WITH reduce(acc = {seen: [], chain: []}, a IN chain |
    {seen: acc.seen + [k IN a.hits WHERE k STARTS WITH '!' | split(k, '#')[1]],
     chain: acc.chain + [{via: a.via, hits: CASE WHEN size(acc.seen) = 0 THEN a.hits
                                             ELSE [k IN a.hits WHERE NOT split(k, '#')[1] IN acc.seen] END}]}).chain AS chain
  UNWIND $services AS service
  WITH service, [a IN chain | {via: a.via, hits: [k IN a.hits WHERE k STARTS WITH service + '|' OR k STARTS WITH '!' + service + '|']}] AS per
  WITH service, per, reduce(t = 0, a IN per | t + size(a.hits)) AS total
  UNWIND per AS a
  WITH service, total, a, reduce(s = 0, b IN per | s + CASE WHEN b.via.level < a.via.level OR (b.via.level = a.via.level AND b.via.hops < a.via.hops) THEN size(b.hits) ELSE 0 END) AS before
  WHERE $limit IS NULL OR before < $limit
  UNWIND (CASE WHEN $limit IS NULL THEN a.hits ELSE a.hits[0..$limit] END) AS key
  WITH service, total, a.via AS via, split(key, '#')[1] AS id
  MATCH (c:Capability {id: id})<-[:OFFERS]-(o:Organization)
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
