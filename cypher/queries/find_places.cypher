// Places matching what a person typed: an id, a FIPS code, a state postal code, or a name
// (case-insensitive: exact, then prefix, then contained), optionally within one state.
// `rank` says how each matched (0 id, 1 FIPS, 2 postal, 3 exact name, 4 prefix, 5 contains).
// Parameters: $text (as typed), $upper (upper-cased), $term (lower-cased name part),
//   $state (state id such as us-pa, or null), $limit. Read.
MATCH (j:Jurisdiction)
WHERE j.id = $text OR j.fips = $text OR j.postal = $upper
   OR (toLower(j.name) CONTAINS $term AND ($state IS NULL OR j.state = $state))
WITH j, CASE
    WHEN j.id = $text THEN 0
    WHEN j.fips = $text THEN 1
    WHEN j.postal = $upper THEN 2
    WHEN toLower(j.name) = $term THEN 3
    WHEN toLower(j.name) STARTS WITH $term THEN 4
    ELSE 5 END AS rank
ORDER BY rank, coalesce(j.level, 9), j.name, j.id
LIMIT $limit
RETURN j {.id, .name, .kind, .state, .population} AS place, rank
