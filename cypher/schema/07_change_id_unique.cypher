// Uniqueness of Change.id (audit trail entries).
// Parameters: none. Schema (write).
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE
