// Single points of failure: matrix cells (service, one dimension value, the others unknown)
// of each place of a kind within a scope (or of the scope itself) covered by exactly one
// live organization. The predicate after "AND" on the line with $cells is
// service.domain.models.CYPHER_MATCH verbatim.
// Parameters: $within (jurisdiction id), $kind (kind of the places, or null for the scope
//   itself), $services (list of service names), $cells (list of maps: the six dimensions,
//   null = unknown, plus dimension and value naming the column). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
MATCH (w:Jurisdiction {id: $within})<-[:PART_OF*0..]-(x:Jurisdiction)
WHERE ($kind IS NULL AND x = w) OR x.kind = $kind
WITH DISTINCT x
MATCH (x)-[:PART_OF*0..]->(:Jurisdiction)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
WHERE c.service IN $services AND (c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today)
WITH DISTINCT x, c, o
UNWIND $cells AS s
WITH x, c, o, s
WHERE s.dimension IS NOT NULL AND (s.urgency IS NULL OR s.urgency IN c.urgency) AND (s.hours IS NULL OR s.hours IN c.hours) AND (s.nationality IS NULL OR s.nationality IN c.nationality) AND (s.age IS NULL OR s.age IN c.age) AND (s.gender IS NULL OR s.gender IN c.gender) AND (s.trafficking IS NULL OR s.trafficking IN c.trafficking)
WITH x, c.service AS service, s.dimension AS dimension, s.value AS value, collect(DISTINCT o) AS orgs
WHERE size(orgs) = 1
WITH x, service, dimension, value, orgs[0] AS org
RETURN x {.id, .name, .kind, .state, .population} AS place, service, dimension, value,
  org {.id, .name, .type, .sector} AS organization
ORDER BY x.id, service, dimension, value
