// Uniqueness of Contact.id; also the index every lookup by id uses.
// Parameters: none. Schema (write).
CREATE CONSTRAINT contact_id IF NOT EXISTS FOR (n:Contact) REQUIRE n.id IS UNIQUE
