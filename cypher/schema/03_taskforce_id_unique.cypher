// Uniqueness of TaskForce.id; also the index every lookup by id uses.
// Parameters: none. Schema (write).
CREATE CONSTRAINT taskforce_id IF NOT EXISTS FOR (n:TaskForce) REQUIRE n.id IS UNIQUE
