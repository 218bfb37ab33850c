// Uniqueness of CoverageDigest.id (the id of the jurisdiction whose digest it is).
// Parameters: none. Schema (write).
CREATE CONSTRAINT coverage_digest_id IF NOT EXISTS FOR (n:CoverageDigest) REQUIRE n.id IS UNIQUE
