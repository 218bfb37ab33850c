// Every ancestor of each given jurisdiction (city -> county -> region -> state -> country), nearest first.
// Parameters: $ids (list of jurisdiction ids). Read.
UNWIND $ids AS id
MATCH (j:Jurisdiction {id: id})
OPTIONAL MATCH path = (j)-[:PART_OF*1..]->(a:Jurisdiction)
WITH id, a, min(length(path)) AS hops
ORDER BY id, a.level, hops, a.id
RETURN id, [x IN collect(CASE WHEN a IS NULL THEN null ELSE a {.id, .name, .kind, .level, hops: hops} END) WHERE x IS NOT NULL] AS chain
