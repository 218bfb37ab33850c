// Delete every node and relationship (tests, and `refgraph reset --yes`).
// Parameters: none. Write.
MATCH (n)
DETACH DELETE n
