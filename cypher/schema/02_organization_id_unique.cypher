// Uniqueness of Organization.id; also the index every lookup by id uses.
// Parameters: none. Schema (write).
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE
