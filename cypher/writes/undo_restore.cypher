// Take back part of a failed restore, one batch at a time: every node but API keys and browser
// sessions (credentials, kept through a restore) and its relationships. Run until it deletes 0.
// Parameters: $batch (nodes per transaction). Write.
MATCH (n)
WHERE NOT n:ApiKey AND NOT n:Session
WITH n
LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
