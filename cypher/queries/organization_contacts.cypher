// Every contact working for each organization (retired included; the caller filters).
// Parameters: $ids (list of organization ids). Read.
UNWIND $ids AS id
MATCH (o:Organization {id: id})<-[:WORKS_FOR]-(k:Contact)
RETURN id, k {.*, organization: id} AS contact
ORDER BY id, toLower(k.name), k.id
