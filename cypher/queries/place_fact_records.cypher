// Place facts by id, every property and the jurisdiction each is about (the backup export).
// Parameters: $ids (list of place fact ids). Read.
UNWIND $ids AS id
MATCH (f:PlaceFact {id: id})
RETURN f {.*, jurisdiction: [(f)-[:ABOUT]->(j:Jurisdiction) | j.id][0]} AS place_fact
