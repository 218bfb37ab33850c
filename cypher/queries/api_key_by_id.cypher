// The stored hash, salt and role of one API key (to verify a presented key).
// Parameters: $id. Read.
MATCH (k:ApiKey {id: $id})
RETURN k.salt AS salt, k.hash AS hash, k.role AS role, k.name AS name, k.revoked_on AS revoked_on
