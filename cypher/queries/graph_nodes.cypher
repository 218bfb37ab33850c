// Every node but API keys, browser sessions and coverage digests (derived from the rest and rebuilt by any
// restore, writes/refresh_coverage_digests), as labels and properties (the backup's content
// checksum).
// Parameters: none. Read.
MATCH (n)
WHERE NOT n:ApiKey AND NOT n:Session AND NOT n:CoverageDigest
RETURN labels(n) AS labels, properties(n) AS properties
