// Gaps: places of one kind (within a scope) that no live capability matching the situation
// covers. Coverage is pushed DOWN once: matching capabilities -> the jurisdictions they COVER
// -> those and all their descendants of the kind; gaps are the scope's places not reached.
// The predicate after "AND" on the line with $situation is service.domain.models.CYPHER_MATCH verbatim.
// Parameters: $service, $situation (map of the six dimensions, null = unknown), $kind,
//   $level (the kind's level: coverage below it cannot reach places of the kind),
//   $within (enclosing jurisdiction id or null), $fresh_since (YYYY-MM-DD or null: older
//   coverage counts as missing), $trained_only (bool: coverage whose contact, else organization,
//   is not known to be trained counts as missing), $sort (name | population | id), $offset, $limit. Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
CALL () {
  MATCH (x:Jurisdiction {kind: $kind})
  WHERE $within IS NULL
  RETURN x, 0 AS hit
  UNION ALL
  MATCH (:Jurisdiction {id: $within})<-[:PART_OF*0..]-(x:Jurisdiction {kind: $kind})
  RETURN DISTINCT x, 0 AS hit
  UNION ALL
  MATCH (c:Capability {service: $service})
  WITH c, $situation AS s
  WHERE (c.retired_on IS NULL OR c.retired_on > $today) AND ($fresh_since IS NULL OR c.verified_on >= $fresh_since)
    AND (s.urgency IS NULL OR s.urgency IN c.urgency) AND (s.hours IS NULL OR s.hours IN c.hours) AND (s.nationality IS NULL OR s.nationality IN c.nationality) AND (s.age IS NULL OR s.age IN c.age) AND (s.gender IS NULL OR s.gender IN c.gender) AND (s.trafficking IS NULL OR s.trafficking IN c.trafficking)
  MATCH (c)<-[:OFFERS]-(o:Organization)
  WHERE (o.retired_on IS NULL OR o.retired_on > $today)
  OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
  WHERE $trained_only AND (k.retired_on IS NULL OR k.retired_on > $today)
  WITH c, o, k
  WHERE NOT $trained_only OR CASE WHEN k IS NULL THEN o.trained_on IS NOT NULL ELSE k.trained_on IS NOT NULL END
  MATCH (c)-[:COVERS]->(j:Jurisdiction)
  WHERE j.level IS NULL OR j.level >= $level
  WITH DISTINCT j
  MATCH (j)<-[:PART_OF*0..]-(x:Jurisdiction {kind: $kind})
  RETURN DISTINCT x, 1 AS hit
}
WITH x, min(hit) AS lo, max(hit) AS hi
WHERE lo = 0
WITH x, hi
ORDER BY CASE $sort WHEN 'population' THEN -coalesce(x.population, 0) ELSE 0 END,
  CASE $sort WHEN 'id' THEN '' ELSE x.name END, x.id
WITH count(x) AS considered, collect(CASE WHEN hi = 0 THEN x END) AS gaps
RETURN considered, size(gaps) AS total,
  reduce(people = 0, g IN gaps | people + coalesce(g.population, 0)) AS population,
  [g IN gaps[$offset..($offset + $limit)] | g {.id, .name, .kind, .state, .population}] AS places
