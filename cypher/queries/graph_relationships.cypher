// Every relationship as type, end ids and properties (the backup's content checksum).
// Parameters: none. Read.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
