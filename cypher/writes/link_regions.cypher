// Link each region of a roster batch to its state (taking its time zone) and its member counties to it (MERGE: unchanged links stay).
// Parameters: rows (list of {id, state, counties}). Write.
UNWIND $rows AS row
MATCH (r:Jurisdiction {id: row.id})
MATCH (s:Jurisdiction {id: row.state})
MERGE (r)-[:PART_OF]->(s)
SET r.timezone = s.timezone
WITH r, row
UNWIND row.counties AS countyId
MATCH (c:Jurisdiction {id: countyId})
MERGE (c)-[:PART_OF]->(r)
