// A browser signed in with an API key: its session, known only by the token's digest, valid
// until $expires_at (epoch seconds). Sessions of any key that have expired are removed.
// Parameters: $key_id, $digest, $expires_at, $now. Write.
MATCH (k:ApiKey {id: $key_id})
CREATE (s:Session {digest: $digest, expires_at: $expires_at})-[:SIGNED_IN_WITH]->(k)
WITH k
OPTIONAL MATCH (old:Session)
WHERE old.expires_at <= $now
DETACH DELETE old
RETURN count(*) AS opened
