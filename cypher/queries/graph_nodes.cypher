// Every node but API keys, as labels and properties (the backup's content checksum).
// Parameters: none. Read.
MATCH (n)
WHERE NOT n:ApiKey
RETURN labels(n) AS labels, properties(n) AS properties
