// A browser signed out: its session ends at once, in every worker.
// Parameters: $digest. Write.
MATCH (s:Session {digest: $digest})
DETACH DELETE s
RETURN count(*) AS closed
