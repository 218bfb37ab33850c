// Routing: for one place and situation, the best live capabilities per requested service
// (COVERS the place or an ancestor via PART_OF*0..), ranked nearest first, at most $limit
// per service, with how many match in all; plus the place and its time zone (own, else the
// nearest ancestor's) and, in an emergency, the capabilities the emergency block picks from
// (service.domain.routing.emergency_block): the nearest capability of each of the nearest $limit
// local law-enforcement organizations that take the situation at the hours (victim extraction
// first) and federal (FBI, HSI) organizations that take it at any hours. Its written follow-up
// goes to the tip lines of the TIP_REPORTING referrals (the caller adds that service).
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
// The emergency picks come from the digests' police and federal lists the same way, filtered
// with $police_pattern (as $pattern, any service) and $federal_pattern: an ancestor adds, of
// each kind, as many as the strictly nearer ancestors leave free of $limit (one key per
// organization), none that they already hold.
// A partly-open hour keeps an ancestor's candidates in digest order (unsure keys are kept in
// place, not appended).
// A capability that notifies ALL_MEMBERS comes with its notify list: every other live member of
// the offering organization's task forces that serve the place or an ancestor.
// Ranking is service.domain.coverage.rank_key: level, hops, then the digest's order (priority (none =
// 100), most recently verified (none last), id). An ancestor adds as many referrals per
// service as the strictly nearer ancestors leave free of $limit; ties in level and hops
// between two ancestors return that many from each, and the caller ranks and cuts
// (service.domain.routing).
// Parameters: $place (jurisdiction id), $services (service names), $pattern (the key pattern
//   without the hours letter when a moment decides it), $zones (time zone names, or null when
//   no moment decides the hours) with $zone_minutes (the moment's minute of the week in each),
//   $limit (referrals per service and emergency picks per kind, null = all), $emergency (bool),
//   $police_pattern, $federal_pattern (service.domain.routing.emergency_patterns; null without an
//   emergency), $federal_types (FBI, HSI: their after-hours contacts are listed). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
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
    CASE WHEN $emergency THEN coalesce(d.police, []) ELSE [] END AS police,
    CASE WHEN $emergency THEN coalesce(d.federal, []) ELSE [] END AS federal,
    CASE WHEN minute IS NULL THEN '.*'
      ELSE '(c#.*|a\\|.{' + toString(minute / 60) + '}1.*|b\\|.{' + toString(minute / 60) + '}0.*)' END AS open,
    CASE WHEN minute IS NULL THEN null ELSE '[ab]\\|.{' + toString(minute / 60) + '}p.*' END AS partly
  WITH minute, level, hops, j, keys, police, federal, $pattern + open AS pass, $pattern + partly AS unsure,
    '[^@]*@' + $police_pattern + open AS police_pass, '[^@]*@' + $police_pattern + partly AS police_unsure
  ORDER BY level, hops
  WITH minute, collect({via: {id: j.id, name: j.name, kind: j.kind, level: level, hops: hops},
                        keys: [k IN keys WHERE k =~ pass OR (unsure IS NOT NULL AND k =~ unsure)],
                        unsure: [k IN keys WHERE unsure IS NOT NULL AND k =~ unsure],
                        federal: [k IN federal WHERE k =~ '[^@]*@' + $federal_pattern],
                        police: [k IN police WHERE k =~ police_pass OR (police_unsure IS NOT NULL AND k =~ police_unsure)],
                        police_unsure: [k IN police WHERE police_unsure IS NOT NULL AND k =~ police_unsure]}) AS chain
  CALL (chain, minute) {
    UNWIND chain AS a
    UNWIND a.unsure + a.police_unsure AS k
    WITH k, minute, split(k, '#')[1] AS id
    MATCH (c:Capability {id: id})<-[:OFFERS]-(o:Organization)
    WITH k, c, minute, coalesce(o.open_minutes, []) AS spans
    WHERE CASE WHEN any(i IN range(0, size(spans) - 2, 2) WHERE spans[i] <= minute AND minute < spans[i + 1])
               THEN 'BUSINESS_HOURS' ELSE 'AFTER_HOURS' END IN c.hours
    RETURN collect(k) AS opened
  }
  WITH [a IN chain | {via: a.via, federal: a.federal,
                      hits: [k IN a.keys WHERE NOT k IN a.unsure OR k IN opened],
                      police: [k IN a.police WHERE NOT k IN a.police_unsure OR k IN opened]}] AS chain
  CALL (chain) {
    WITH reduce(acc = {seen: [], chain: []}, a IN chain |
      {seen: acc.seen + [k IN a.hits WHERE k STARTS WITH '!' | split(k, '#')[1]],
       chain: acc.chain + [{via: a.via, hits: CASE WHEN size(acc.seen) = 0 THEN a.hits
                                               ELSE [k IN a.hits WHERE NOT split(k, '#')[1] IN acc.seen] END}]}).chain AS counted,
      [a IN chain | a.via.id] AS up
    UNWIND $services AS service
    WITH service, up, [a IN counted | {via: a.via, hits: [k IN a.hits WHERE k STARTS WITH service + '|' OR k STARTS WITH '!' + service + '|']}] AS per
    WITH service, up, per, reduce(t = 0, a IN per | t + size(a.hits)) AS total
    UNWIND per AS a
    WITH service, up, total, a, reduce(s = 0, b IN per | s + CASE WHEN b.via.level < a.via.level OR (b.via.level = a.via.level AND b.via.hops < a.via.hops) THEN size(b.hits) ELSE 0 END) AS before
    WHERE $limit IS NULL OR before < $limit
    UNWIND (CASE WHEN $limit IS NULL THEN a.hits ELSE a.hits[0..($limit - before)] END) AS key
    WITH service, up, total, a.via AS via, split(key, '#')[1] AS id
    MATCH (c:Capability {id: id})<-[:OFFERS]-(o:Organization)
    OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
    WHERE (k.retired_on IS NULL OR k.retired_on > $today)
    // a notify list: every other live member of the organization's task forces serving the place
    CALL (c, o, up) {
      OPTIONAL MATCH (o)-[:MEMBER_OF]->(t:TaskForce)-[:SERVES]->(s:Jurisdiction), (t)<-[:MEMBER_OF]-(x:Organization)
      WHERE c.notify = 'ALL_MEMBERS' AND s.id IN up AND x.id <> o.id
        AND (x.retired_on IS NULL OR x.retired_on > $today)
      RETURN collect(DISTINCT x {.id, .name, .type, .sector}) AS members
    }
    // projections first, then the map: ArcadeDB drops a map literal that holds a projection
    // (Neo4j keeps it, and both answer alike this way: docs/engines.md)
    WITH service, total, via, members,
      c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
         .priority, .verified_on, .notes, .notify} AS capability,
      o {.id, .name, .type, .sector, .phone, .hours, .trained_on} AS organization,
      k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email, .trained_on} AS contact
    RETURN collect({capability: capability, organization: organization, contact: contact,
                    via: via, federal: [], members: members}) AS capabilities,
      collect(DISTINCT {service: service, total: total}) AS totals
  }
  CALL (chain) {
    WITH chain WHERE $emergency
    UNWIND ['L', 'F'] AS kind
    // each candidate as [its organization, key]
    WITH kind, [a IN chain | {via: a.via, keys: [k IN CASE kind WHEN 'L' THEN a.police ELSE a.federal END
        | [split(k, '@')[0], k]]}] AS per
    UNWIND per AS a
    WITH a, reduce(s = [], b IN per |
        CASE WHEN b.via.level < a.via.level OR (b.via.level = a.via.level AND b.via.hops < a.via.hops)
          THEN reduce(t = s, x IN b.keys | CASE WHEN x[0] IN t OR ($limit IS NOT NULL AND size(t) >= $limit) THEN t ELSE t + [x[0]] END)
          ELSE s END) AS nearer
    WHERE $limit IS NULL OR size(nearer) < $limit
    WITH a, reduce(s = [], x IN a.keys |
        CASE WHEN x[0] IN nearer OR ($limit IS NOT NULL AND size(s) + size(nearer) >= $limit) OR any(y IN s WHERE y[0] = x[0])
          THEN s ELSE s + [x] END) AS picks
    UNWIND picks AS pick
    WITH a.via AS via, split(pick[1], '#')[1] AS id
    MATCH (c:Capability {id: id})<-[:OFFERS]-(o:Organization)
    WITH c, o, via ORDER BY via.level, via.hops
    WITH c, o, collect(via)[0] AS via
    OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
    WHERE (k.retired_on IS NULL OR k.retired_on > $today)
    WITH c, o, k, via, CASE WHEN o.type IN $federal_types
        THEN [(o)<-[:WORKS_FOR]-(f:Contact) WHERE (f.retired_on IS NULL OR f.retired_on > $today) AND f.after_hours_phone IS NOT NULL
              | f {.id, .name, .role, .unit, .phone, .after_hours_phone, .email}]
        ELSE [] END AS federal
    WITH via, federal,
      c {.id, .service, .urgency, .hours, .nationality, .age, .gender, .trafficking,
         .priority, .verified_on, .notes, .notify} AS capability,
      o {.id, .name, .type, .sector, .phone, .hours, .trained_on} AS organization,
      k {.id, .name, .role, .unit, .phone, .after_hours_phone, .email, .trained_on} AS contact
    RETURN collect({capability: capability, organization: organization, contact: contact,
                    via: via, federal: federal, members: []}) AS emergency
  }
  RETURN collect(capabilities)[0] AS capabilities, collect(totals)[0] AS totals, collect(emergency)[0] AS emergency
}
RETURN p {.id, .name, .kind, .state, .population} AS place, timezone, capabilities, totals, emergency
