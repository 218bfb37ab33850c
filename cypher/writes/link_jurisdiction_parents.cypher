// Link each built-in jurisdiction to its parent: city to county (or state), county to state, state to country (MERGE: unchanged links stay).
// Parameters: rows (list of {id, parent}). Write.
UNWIND $rows AS row
MATCH (j:Jurisdiction {id: row.id})
MATCH (parent:Jurisdiction {id: row.parent})
MERGE (j)-[:PART_OF]->(parent)
