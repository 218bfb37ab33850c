// Which jurisdiction each roster reference names: by id, by FIPS code, or (states) by postal code.
// Parameters: refs (list of {ref, id, fips, postal}: one reference in its id, FIPS and postal forms). Read.
UNWIND $refs AS r
OPTIONAL MATCH (byId:Jurisdiction {id: r.id})
OPTIONAL MATCH (byFips:Jurisdiction {fips: r.fips})
OPTIONAL MATCH (byPostal:Jurisdiction {postal: r.postal})
WITH r, coalesce(byId, byFips, byPostal) AS j
RETURN r.ref AS ref, j.id AS id, j.kind AS kind, j.state AS state
