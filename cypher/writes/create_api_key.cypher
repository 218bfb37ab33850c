// Store a new API key: only its salted hash, never the secret.
// Parameters: $id, $name, $role, $salt, $hash, $created_on. Write.
CREATE (k:ApiKey {id: $id, name: $name, role: $role, salt: $salt, hash: $hash, created_on: $created_on})
RETURN k.id AS id
