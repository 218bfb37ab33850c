// Test fixtures only: create jurisdictions and PART_OF links directly, without the US loader.
// Parameters: $places (list of Jurisdiction property maps with id), $links (list of [child id, parent id]). Write.
UNWIND $places AS p
MERGE (j:Jurisdiction {id: p.id})
SET j += p
WITH count(*) AS created
UNWIND $links AS link
MATCH (child:Jurisdiction {id: link[0]})
MATCH (parent:Jurisdiction {id: link[1]})
MERGE (child)-[:PART_OF]->(parent)
RETURN created, count(*) AS linked
