// Uniqueness of Capability.id; also the index every lookup by id uses.
// Parameters: none. Schema (write).
CREATE CONSTRAINT capability_id IF NOT EXISTS FOR (n:Capability) REQUIRE n.id IS UNIQUE
