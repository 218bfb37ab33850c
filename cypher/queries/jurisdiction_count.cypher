// How many jurisdictions are loaded (zero means an empty database).
// Parameters: none. Read.
MATCH (j:Jurisdiction)
RETURN count(j) AS count
