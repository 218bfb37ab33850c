// Every relationship as type, end ids and properties (the backup's content checksum), but
// browser sessions' (credentials, like the API keys they lead to).
// Parameters: none. Read.
MATCH (a)-[r]->(b)
WHERE NOT a:Session
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
