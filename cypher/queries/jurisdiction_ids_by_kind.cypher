// Every jurisdiction of one kind (e.g. all counties): id, enclosing state, population, in id order.
// Used by the synthetic roster generator to cover real places.
// Parameters: $kind (country, state, region, county or city). Read.
MATCH (j:Jurisdiction {kind: $kind})
RETURN j.id AS id, j.state AS state, j.population AS population
ORDER BY id
