// Browse organizations: name search, sector, type, a service they offer and a place they cover
// (directly or through an ancestor), verification window; one page plus the total.
// Parameters: $search, $sector, $type, $service, $jurisdiction, $verified_before,
//   $verified_after (all may be null), $include_retired (bool), $skip, $limit. Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
OPTIONAL MATCH (place:Jurisdiction {id: $jurisdiction})
CALL (place) {
  OPTIONAL MATCH (place)-[:PART_OF*0..]->(a:Jurisdiction)
  RETURN collect(DISTINCT a.id) AS around
}
CALL (around) {
  MATCH (o:Organization)
  WHERE ($search IS NULL OR toLower(o.name) CONTAINS toLower($search) OR toLower(o.id) CONTAINS toLower($search))
    AND ($sector IS NULL OR o.sector = $sector)
    AND ($type IS NULL OR o.type = $type)
    AND ($include_retired OR (o.retired_on IS NULL OR o.retired_on > $today))
    AND ($verified_before IS NULL OR o.verified_on < $verified_before)
    AND ($verified_after IS NULL OR o.verified_on > $verified_after)
    AND (($service IS NULL AND $jurisdiction IS NULL) OR EXISTS {
      MATCH (o)-[:OFFERS]->(c:Capability)
      WHERE ($include_retired OR (c.retired_on IS NULL OR c.retired_on > $today))
        AND ($service IS NULL OR c.service = $service)
        AND ($jurisdiction IS NULL OR EXISTS { MATCH (c)-[:COVERS]->(j:Jurisdiction) WHERE j.id IN around })
    })
  WITH o
  ORDER BY toLower(o.name), o.id
  RETURN collect(o) AS matched
}
RETURN size(matched) AS total,
       [x IN matched[$skip..($skip + $limit)] | x {.*}] AS page,
       ($jurisdiction IS NULL OR place IS NOT NULL) AS jurisdiction_known
