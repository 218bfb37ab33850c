// Every contact working for each organization (retired included; the caller filters).
// Parameters: $ids (list of organization ids). Read.
UNWIND $ids AS id
MATCH (k:Contact)-[:WORKS_FOR]->(o:Organization {id: id})
RETURN id, k {.*, organization: id} AS contact
ORDER BY id, toLower(k.name), k.id
