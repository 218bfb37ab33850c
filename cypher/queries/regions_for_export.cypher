// Every region with its properties, its state and its member counties (backup export).
// Parameters: none. Read.
MATCH (r:Jurisdiction {kind: 'region'})
RETURN r {.*} AS region,
  [(r)-[:PART_OF]->(s:Jurisdiction) | s.id][0] AS state,
  [(r)<-[:PART_OF]-(c:Jurisdiction) | c.id] AS counties
ORDER BY r.id
