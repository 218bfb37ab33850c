"""Where the graph lives and the one way in: the graph gateway (`graph`: `Graph`, `AsyncGraph`,
`Plan`, the transactions, retries and timeouts), the named Cypher statements it runs
(`statements`, reading cypher/), the upgrades of a stored graph (`upgrades`), what a read costs
(`cost`) and how the expensive ones share the engine (`reports`), and the engines themselves
(`engines`: an embedded ArcadeDB or Neo4j under a supervisor, or an external Neo4j).
Nothing above this package talks to the database.
"""
