// How many nodes of each kind the graph holds (coverage digests are derived from the rest,
// writes/refresh_coverage_digests, and browser sessions are sign-ins, not data: neither is counted).
// Parameters: none. Read.
MATCH (n)
WHERE NOT n:CoverageDigest AND NOT n:Session
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
