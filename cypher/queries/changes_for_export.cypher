// The whole audit trail, oldest first (backup export).
// Parameters: none. Read.
MATCH (c:Change)
RETURN c {.*} AS change
ORDER BY c.at, c.id
