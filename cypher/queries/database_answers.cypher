// Whether the database itself answers, not only the server (/health): a database the engine
// stopped after a storage error refuses even this.
// Parameters: none. Read.
RETURN true AS answers
