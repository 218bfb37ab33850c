// Uniqueness of Session.digest (the SHA-256 of a browser's sign-in token); also the index
// every signed-in page's lookup uses.
// Parameters: none. Schema (write).
CREATE CONSTRAINT session_digest IF NOT EXISTS FOR (n:Session) REQUIRE n.digest IS UNIQUE
