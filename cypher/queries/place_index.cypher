// Every place but the regions, as an HSDS import names places (loaders.hsds.places): id, name, kind, state,
// FIPS and postal code, a city's coordinates and its county (read for cities only).
// The county's end of the comprehension carries no label: on a freshly loaded database Neo4j 5.26 plans
// with statistics of an empty one, and a `c:Jurisdiction` there (with `{kind: 'county'}` or a WHERE) let
// it seek every county through the kind index for each place: 33 s to 124 s for the 25,076 US places,
// past the query timeout, against 2.3 s this way (PART_OF joins jurisdictions only).
// Parameters: none. Read.
MATCH (j:Jurisdiction)
WHERE j.kind <> 'region'
RETURN j.id AS id, j.name AS name, j.kind AS kind, j.state AS state, j.fips AS fips, j.postal AS postal,
       j.lat AS lat, j.lon AS lon,
       [(j)-[:PART_OF]->(c) WHERE c.kind = 'county' | c.id][0] AS county
