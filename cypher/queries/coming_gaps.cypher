// Coming gaps: places of one kind (within a scope) that live capabilities matching the situation
// cover today, but none by $until: every one of them, or its organization, is scheduled to
// retire (a retired_on after $today, up to $until). Coverage is pushed down as in queries/gaps;
// each place comes with the day its last covering capability stops (the day it becomes a gap)
// and those capabilities' ids, soonest first.
// The predicate after "AND" on the line with $situation is service.domain.models.CYPHER_MATCH verbatim.
// Parameters: $service, $situation (map of the six dimensions, null = unknown), $kind, $level
//   (the kind's level), $within (enclosing jurisdiction id or null), $until (YYYY-MM-DD, after
//   $today), $limit. Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
CALL () {
  MATCH (x:Jurisdiction {kind: $kind})
  WHERE $within IS NULL
  RETURN x, 0 AS hit, null AS ends, null AS capability
  UNION ALL
  MATCH (:Jurisdiction {id: $within})<-[:PART_OF*0..]-(x:Jurisdiction {kind: $kind})
  RETURN DISTINCT x, 0 AS hit, null AS ends, null AS capability
  UNION ALL
  MATCH (c:Capability {service: $service})
  WITH c, $situation AS s
  WHERE (c.retired_on IS NULL OR c.retired_on > $today)
    AND (s.urgency IS NULL OR s.urgency IN c.urgency) AND (s.hours IS NULL OR s.hours IN c.hours) AND (s.nationality IS NULL OR s.nationality IN c.nationality) AND (s.age IS NULL OR s.age IN c.age) AND (s.gender IS NULL OR s.gender IN c.gender) AND (s.trafficking IS NULL OR s.trafficking IN c.trafficking)
  MATCH (c)<-[:OFFERS]-(o:Organization)
  WHERE (o.retired_on IS NULL OR o.retired_on > $today)
  WITH c, [d IN [c.retired_on, o.retired_on] WHERE d IS NOT NULL AND d <= $until] AS stops
  MATCH (c)-[:COVERS]->(j:Jurisdiction)
  WHERE j.level IS NULL OR j.level >= $level
  MATCH (j)<-[:PART_OF*0..]-(x:Jurisdiction {kind: $kind})
  RETURN DISTINCT x, CASE WHEN size(stops) = 0 THEN 2 ELSE 1 END AS hit,
    reduce(m = null, d IN stops | CASE WHEN m IS NULL OR d < m THEN d ELSE m END) AS ends, c.id AS capability
}
WITH x, collect(hit) AS hits, max(ends) AS ends, collect(DISTINCT capability) AS capabilities
WHERE 0 IN hits AND 1 IN hits AND NOT 2 IN hits
WITH x, ends, capabilities
ORDER BY ends, x.name, x.id
// the projection first, then the map: ArcadeDB drops a map literal that holds a projection
// (docs/engines.md)
WITH x {.id, .name, .kind, .state, .population} AS place, ends, capabilities
WITH collect({place: place, ends: ends, capabilities: capabilities}) AS coming
RETURN size(coming) AS total, coming[0..$limit] AS places
