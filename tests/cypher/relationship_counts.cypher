// Test fixtures only: how many relationships of each type the graph holds.
// Parameters: none. Read.
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
