// The id of the jurisdiction with a FIPS code (a county's 5 digits or a state's 2): map links.
// Parameters: $fips. Read.
MATCH (j:Jurisdiction {fips: $fips})
RETURN j.id AS id
ORDER BY j.level
LIMIT 1
