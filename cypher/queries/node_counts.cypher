// How many nodes of each kind the graph holds (browser sessions are sign-ins, not data: not counted).
// Parameters: none. Read.
MATCH (n)
WHERE NOT n:Session
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
