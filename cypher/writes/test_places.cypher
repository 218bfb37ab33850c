// Create a small set of places and PART_OF links directly (test fixtures only).
// Parameters: $places [{id, name, kind, level}], $links [[child id, parent id]]. Write.
UNWIND $places AS p
MERGE (j:Jurisdiction {id: p.id})
SET j += p
WITH count(*) AS created
UNWIND $links AS link
MATCH (c:Jurisdiction {id: link[0]})
MATCH (parent:Jurisdiction {id: link[1]})
MERGE (c)-[:PART_OF]->(parent)
RETURN created, count(*) AS linked
