// Every jurisdiction id (a jurisdictions or regions import rebuilds every coverage digest).
// Parameters: none. Read.
MATCH (j:Jurisdiction)
RETURN j.id AS id
