// The API key a browser's session was opened with, while the session has not expired.
// Parameters: $digest, $now (epoch seconds). Read.
MATCH (s:Session {digest: $digest})-[:SIGNED_IN_WITH]->(k:ApiKey)
WHERE s.expires_at > $now
RETURN k.id AS id, k.role AS role, k.name AS name, k.revoked_on AS revoked_on
