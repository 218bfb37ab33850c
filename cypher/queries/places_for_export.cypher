// Every jurisdiction except regions, with its properties and its one non-region parent (backup export).
// Parameters: none. Read.
MATCH (j:Jurisdiction)
WHERE j.kind <> 'region'
OPTIONAL MATCH (j)-[:PART_OF]->(p:Jurisdiction)
WHERE p.kind <> 'region'
WITH j, collect(p.id) AS parents
RETURN j {.*} AS place, parents
ORDER BY j.level DESC, j.id
