// Uniqueness of ApiKey.id (the public key prefix); also the index key lookups use.
// Parameters: none. Schema (write).
CREATE CONSTRAINT apikey_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE
