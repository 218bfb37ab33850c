// Every place but the regions, as an HSDS import names places (loaders.hsds.places): id, name, kind, state,
// FIPS and postal code, a city's coordinates and its county.
// Parameters: none. Read.
MATCH (j:Jurisdiction)
WHERE j.kind <> 'region'
RETURN j.id AS id, j.name AS name, j.kind AS kind, j.state AS state, j.fips AS fips, j.postal AS postal,
       j.lat AS lat, j.lon AS lon,
       CASE WHEN j.kind = 'city' THEN [(j)-[:PART_OF]->(c:Jurisdiction {kind: 'county'}) | c.id][0] END AS county
