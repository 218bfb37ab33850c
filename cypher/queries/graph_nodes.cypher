// Every node but API keys and browser sessions, as labels and properties (the backup's content
// checksum).
// Parameters: none. Read.
MATCH (n)
WHERE NOT n:ApiKey AND NOT n:Session
RETURN labels(n) AS labels, properties(n) AS properties
