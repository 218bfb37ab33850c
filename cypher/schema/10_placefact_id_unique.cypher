// Uniqueness of PlaceFact.id (also the index the place facts roster's lookups use).
// Parameters: none. Schema (write).
CREATE CONSTRAINT placefact_id IF NOT EXISTS FOR (n:PlaceFact) REQUIRE n.id IS UNIQUE
