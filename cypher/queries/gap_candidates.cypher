// Candidates for a gap: live organizations in or near one place that could be recruited for a
// service, because their type fits it ($types) or they already offer it to other people. "Near"
// follows the place's ancestors below the country: an organization with a live capability
// covering an ancestor, or anything inside one, is found through the nearest such ancestor
// (lowest level, then fewest hops, as routing ranks coverage: a region before its state). Each comes with the
// services it offers already (and to whom, for this service) and whether one of them covers
// the place (its place_ids reach the place's chain, read once); nearest first ($limit of them: the caller ranks within and cuts).
// Parameters: $place (jurisdiction id), $service, $types (organization types that fit), $limit. Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
CALL () {
  MATCH (:Jurisdiction {id: $place})-[:PART_OF*0..]->(x:Jurisdiction)
  RETURN collect(DISTINCT x.id) AS chain
}
MATCH up = (:Jurisdiction {id: $place})-[:PART_OF*0..]->(a:Jurisdiction)
WHERE coalesce(a.level, 9) < 5
WITH chain, a, min(length(up)) AS hops
MATCH (a)<-[:PART_OF*0..]-(j:Jurisdiction)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
WHERE (c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today)
  AND (o.type IN $types OR c.service = $service)
WITH chain, o, a, hops
ORDER BY coalesce(a.level, 9), hops
WITH chain, o, collect({name: a.name, level: coalesce(a.level, 9), hops: hops})[0] AS at
WITH chain, o, at.name AS area, at.level AS level, at.hops AS near
ORDER BY level, near, o.name, o.id
LIMIT $limit
MATCH (o)-[:OFFERS]->(c:Capability)
WHERE c.retired_on IS NULL OR c.retired_on > $today
WITH o, area, level, near, chain, collect(DISTINCT c.service) AS offers,
  [x IN collect(DISTINCT c) WHERE x.service = $service | x {.age, .gender, .nationality, .trafficking, .urgency, .hours}] AS same,
  any(x IN collect(c) WHERE any(p IN coalesce(x.place_ids, []) WHERE p IN chain)) AS covers_place
RETURN o {.id, .name, .type, .sector, .phone, .hours} AS organization, area, level, near, offers, same, covers_place
ORDER BY level, near, organization.name, organization.id
