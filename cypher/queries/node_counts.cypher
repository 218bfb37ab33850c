// How many nodes of each kind the graph holds.
// Parameters: none. Read.
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
