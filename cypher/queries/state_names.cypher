// The states (and territories) for the area picker: id, name and FIPS, by name.
// Parameters: none. Read.
MATCH (j:Jurisdiction {kind: 'state'})
RETURN j.id AS id, j.name AS name, j.fips AS fips
ORDER BY name
