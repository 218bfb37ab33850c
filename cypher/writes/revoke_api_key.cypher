// Revoke an API key: it stops working at the next request.
// Parameters: $id, $revoked_on. Write.
MATCH (k:ApiKey {id: $id})
SET k.revoked_on = coalesce(k.revoked_on, $revoked_on)
RETURN k.id AS id, k.revoked_on AS revoked_on
