// Upgrade: up to $batch capabilities stored before place_ids existed get the ids of the places
// they COVER (writes/create_capabilities and upsert_capabilities write it with the links;
// queries/gap_candidates reads it); returns how many were upgraded (0 = done).
// Parameters: batch (capabilities per statement). Write.
MATCH (c:Capability)
WHERE c.place_ids IS NULL
WITH c LIMIT $batch
SET c.place_ids = [(c)-[:COVERS]->(j:Jurisdiction) | j.id]
RETURN count(c) AS upgraded
