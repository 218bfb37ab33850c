// A place by an exact key, through the indexes: its id, FIPS code or state postal code.
// Parameters: $text (as typed), $upper (upper-cased). Read.
CALL () {
  MATCH (j:Jurisdiction {id: $text})
  RETURN j, 0 AS rank
  UNION
  MATCH (j:Jurisdiction {fips: $text})
  RETURN j, 1 AS rank
  UNION
  MATCH (j:Jurisdiction {postal: $upper})
  RETURN j, 2 AS rank
}
WITH j, min(rank) AS rank
ORDER BY rank, j.id
RETURN j {.id, .name, .kind, .state, .population} AS place, rank
