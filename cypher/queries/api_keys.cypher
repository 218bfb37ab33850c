// Every API key, without secrets: id, name, role, created and revoked dates.
// Parameters: none. Read.
MATCH (k:ApiKey)
RETURN k.id AS id, k.name AS name, k.role AS role, k.created_on AS created_on, k.revoked_on AS revoked_on
ORDER BY k.created_on, k.id
