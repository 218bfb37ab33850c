// Uniqueness of Jurisdiction.id; also the index every lookup by id uses.
// Parameters: none. Schema (write).
CREATE CONSTRAINT jurisdiction_id IF NOT EXISTS FOR (n:Jurisdiction) REQUIRE n.id IS UNIQUE
