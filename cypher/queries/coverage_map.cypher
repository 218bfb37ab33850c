// Coverage map: the FIPS codes of every place of one kind within a scope, and for those a
// live organization covers with a matching capability (COVERS the place or an ancestor):
// [fips, organizations, organizations with a fresh record]. A scope place missing from
// covered is exactly a gap of queries/gaps (same push-down, same predicate); covered with no
// fresh organization means covered only by stale records. One row, lists inside: returning
// thousands of rows costs far more than one row with two lists.
// The predicate after "AND" on the line with $situation is service.models.CYPHER_MATCH verbatim.
// Parameters: $service, $situation (map of the six dimensions, null = unknown), $kind,
//   $within (enclosing jurisdiction id or null), $fresh_since (YYYY-MM-DD or null). Read.
CALL () {
  MATCH (x:Jurisdiction {kind: $kind})
  WHERE $within IS NULL
  RETURN x
  UNION
  MATCH (:Jurisdiction {id: $within})<-[:PART_OF*0..]-(x:Jurisdiction {kind: $kind})
  RETURN x
}
WITH collect(x.fips) AS scope
CALL (scope) {
  MATCH (o:Organization)-[:OFFERS]->(c:Capability {service: $service})
  WITH o, c, scope, $situation AS s
  WHERE c.retired_on IS NULL AND o.retired_on IS NULL
    AND (s.urgency IS NULL OR s.urgency IN c.urgency) AND (s.hours IS NULL OR s.hours IN c.hours) AND (s.nationality IS NULL OR s.nationality IN c.nationality) AND (s.age IS NULL OR s.age IN c.age) AND (s.gender IS NULL OR s.gender IN c.gender) AND (s.trafficking IS NULL OR s.trafficking IN c.trafficking)
  MATCH (c)-[:COVERS]->(:Jurisdiction)<-[:PART_OF*0..]-(x:Jurisdiction {kind: $kind})
  WHERE $within IS NULL OR x.fips IN scope
  WITH x, o, max(c.verified_on) AS newest
  WITH x.fips AS fips, count(o) AS orgs,
    count(CASE WHEN $fresh_since IS NULL OR newest >= $fresh_since THEN 1 END) AS fresh
  RETURN collect([fips, orgs, fresh]) AS covered
}
RETURN scope, covered
