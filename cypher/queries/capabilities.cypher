// Browse capabilities: service, offering organization, a place they cover (directly or through an
// ancestor), verification window; retired ones (or of retired organizations) only on request.
// Parameters: $service, $organization, $jurisdiction, $verified_before, $verified_after (all may be
//   null), $include_retired (bool), $skip, $limit. Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
OPTIONAL MATCH (place:Jurisdiction {id: $jurisdiction})
OPTIONAL MATCH (owner:Organization {id: $organization})
CALL (place) {
  OPTIONAL MATCH (place)-[:PART_OF*0..]->(a:Jurisdiction)
  RETURN collect(DISTINCT a.id) AS around
}
// The same filter twice, counted and then ranked for one page: collecting every match in
// order to slice it took 2.7-4.9 s over the 62,000 capabilities of the national benchmark; a
// count plus the ranked page (the engine keeps only the first $skip + $limit) takes 0.3 s.
CALL (around) {
  MATCH (o:Organization)-[:OFFERS]->(c:Capability)
  WHERE ($service IS NULL OR c.service = $service)
    AND ($organization IS NULL OR o.id = $organization)
    AND ($include_retired OR ((c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today)))
    AND ($verified_before IS NULL OR c.verified_on < $verified_before)
    AND ($verified_after IS NULL OR c.verified_on > $verified_after)
    AND ($jurisdiction IS NULL OR EXISTS { MATCH (c)-[:COVERS]->(j:Jurisdiction) WHERE j.id IN around })
  RETURN count(c) AS total
}
CALL (around) {
  MATCH (o:Organization)-[:OFFERS]->(c:Capability)
  WHERE ($service IS NULL OR c.service = $service)
    AND ($organization IS NULL OR o.id = $organization)
    AND ($include_retired OR ((c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today)))
    AND ($verified_before IS NULL OR c.verified_on < $verified_before)
    AND ($verified_after IS NULL OR c.verified_on > $verified_after)
    AND ($jurisdiction IS NULL OR EXISTS { MATCH (c)-[:COVERS]->(j:Jurisdiction) WHERE j.id IN around })
  WITH c, o
  ORDER BY c.service, coalesce(c.priority, 100), toLower(o.name), c.id
  SKIP $skip LIMIT $limit
  RETURN collect(c) AS matched
}
RETURN total,
       [x IN matched | x {
         .*,
         organization: [(x)<-[:OFFERS]-(o:Organization) | o.id][0],
         covers: [(x)-[:COVERS]->(j:Jurisdiction) | j {.id, .name, .kind, .level}],
         contact: [(x)-[:VIA]->(k:Contact) | k.id][0]
       }] AS page,
       ($jurisdiction IS NULL OR place IS NOT NULL) AS jurisdiction_known,
       ($organization IS NULL OR owner IS NOT NULL) AS organization_known
