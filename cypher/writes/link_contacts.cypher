// Link each contact of a roster batch to the organization it works for (MERGE: unchanged links stay).
// Parameters: rows (list of {id, organization}). Write.
UNWIND $rows AS row
MATCH (c:Contact {id: row.id})
MATCH (o:Organization {id: row.organization})
MERGE (c)-[:WORKS_FOR]->(o)
