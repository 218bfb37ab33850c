// Coverage map: the FIPS codes of every place of one kind within a scope, and for those a
// live organization covers with a matching capability (COVERS the place or an ancestor):
// [fips, organizations, organizations with a fresh record], each counted up to 2 (what the
// map's colours tell apart: a gap, stale records only, a single point of failure, covered).
// A scope place missing from covered is exactly a gap of queries/gaps (same push-down, same
// predicate). Coverage is aggregated per covered jurisdiction first (its first two
// organizations, and first two with a fresh record) and only those short lists are pushed
// down: at most 2 per ancestor is enough to tell 0, 1 and 2 or more apart exactly. Counting
// every organization per place made one row per place and organization (every national
// organization reaches every county: millions of rows), which ran out of the engine's query
// heap for the whole country. One row, lists inside: returning thousands of rows costs far
// more than one row with two lists. The scope is applied to the finished list: carried through
// the aggregations, its list of FIPS codes became part of every grouping key.
// The predicate after "AND" on the line with $situation is service.domain.models.CYPHER_MATCH verbatim.
// Parameters: $service, $situation (map of the six dimensions, null = unknown), $kind,
//   $level (the kind's level: coverage below it cannot reach places of the kind),
//   $within (enclosing jurisdiction id or null), $fresh_since (YYYY-MM-DD or null). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
CALL () {
  MATCH (x:Jurisdiction {kind: $kind})
  WHERE $within IS NULL
  RETURN x
  UNION
  MATCH (:Jurisdiction {id: $within})<-[:PART_OF*0..]-(x:Jurisdiction {kind: $kind})
  RETURN x
}
WITH collect(x.fips) AS scope
CALL () {
  MATCH (c:Capability {service: $service})
  WITH c, $situation AS s
  WHERE (c.retired_on IS NULL OR c.retired_on > $today)
    AND (s.urgency IS NULL OR s.urgency IN c.urgency) AND (s.hours IS NULL OR s.hours IN c.hours) AND (s.nationality IS NULL OR s.nationality IN c.nationality) AND (s.age IS NULL OR s.age IN c.age) AND (s.gender IS NULL OR s.gender IN c.gender) AND (s.trafficking IS NULL OR s.trafficking IN c.trafficking)
  MATCH (c)<-[:OFFERS]-(o:Organization)
  WHERE (o.retired_on IS NULL OR o.retired_on > $today)
  MATCH (c)-[:COVERS]->(j:Jurisdiction)
  WHERE j.level IS NULL OR j.level >= $level
  WITH j, o, max(c.verified_on) AS newest
  WITH j, collect(o.id)[0..2] AS some,
    collect(CASE WHEN $fresh_since IS NULL OR newest >= $fresh_since THEN o.id END)[0..2] AS fresh
  MATCH (j)<-[:PART_OF*0..]-(x:Jurisdiction {kind: $kind})
  WITH x, collect(some) AS somes, collect(fresh) AS freshes
  WITH x.fips AS fips,
    reduce(u = [], l IN somes | u + [o IN l WHERE NOT o IN u]) AS orgs,
    reduce(u = [], l IN freshes | u + [o IN l WHERE NOT o IN u]) AS fresh
  RETURN collect([fips, CASE WHEN size(orgs) > 2 THEN 2 ELSE size(orgs) END,
                  CASE WHEN size(fresh) > 2 THEN 2 ELSE size(fresh) END]) AS covered
}
RETURN scope, CASE WHEN $within IS NULL THEN covered ELSE [c IN covered WHERE c[0] IN scope] END AS covered
