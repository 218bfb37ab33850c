// Contacts by id, every property and the organization each works for.
// Parameters: $ids (list of contact ids). Read.
UNWIND $ids AS id
MATCH (k:Contact {id: id})
RETURN k {.*, organization: [(k)-[:WORKS_FOR]->(o:Organization) | o.id][0]} AS contact
