// Browse contacts: name, role or unit search, the organization they work for, verification window;
// one page plus the total.
// Parameters: $search, $organization, $verified_before, $verified_after (all may be null),
//   $include_retired (bool), $skip, $limit. Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
OPTIONAL MATCH (owner:Organization {id: $organization})
CALL () {
  MATCH (k:Contact)
  WHERE ($search IS NULL OR toLower(k.name) CONTAINS toLower($search)
         OR toLower(coalesce(k.role, '')) CONTAINS toLower($search)
         OR toLower(coalesce(k.unit, '')) CONTAINS toLower($search))
    AND ($organization IS NULL OR EXISTS { (k)-[:WORKS_FOR]->(:Organization {id: $organization}) })
    AND ($include_retired OR (k.retired_on IS NULL OR k.retired_on > $today))
    AND ($verified_before IS NULL OR k.verified_on < $verified_before)
    AND ($verified_after IS NULL OR k.verified_on > $verified_after)
  WITH k
  ORDER BY toLower(k.name), k.id
  RETURN collect(k) AS matched
}
RETURN size(matched) AS total,
       [x IN matched[$skip..($skip + $limit)] | x {
         .*, organization: [(x)-[:WORKS_FOR]->(o:Organization) | o.id][0]
       }] AS page,
       ($organization IS NULL OR owner IS NOT NULL) AS organization_known
