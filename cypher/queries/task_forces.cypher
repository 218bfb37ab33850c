// Browse task forces: name search and a place they serve (the place itself, a place containing it,
// or a place inside it); one page plus the total, each with its members and areas.
// Parameters: $search, $jurisdiction (may be null), $skip, $limit. Read.
OPTIONAL MATCH (place:Jurisdiction {id: $jurisdiction})
CALL (place) {
  OPTIONAL MATCH (place)-[:PART_OF*0..]->(a:Jurisdiction)
  RETURN collect(DISTINCT a.id) AS up
}
CALL (place) {
  OPTIONAL MATCH (place)<-[:PART_OF*1..]-(d:Jurisdiction)
  RETURN collect(DISTINCT d.id) AS down
}
CALL (up, down) {
  MATCH (t:TaskForce)
  WHERE ($search IS NULL OR toLower(t.name) CONTAINS toLower($search) OR toLower(t.id) CONTAINS toLower($search))
    AND ($jurisdiction IS NULL OR EXISTS {
      MATCH (t)-[:SERVES]->(j:Jurisdiction) WHERE j.id IN up OR j.id IN down
    })
  WITH t
  ORDER BY toLower(t.name), t.id
  RETURN collect(t) AS matched
}
RETURN size(matched) AS total,
       [x IN matched[$skip..($skip + $limit)] | x {
         .*,
         members: [(x)<-[m:MEMBER_OF]-(o:Organization) | {id: o.id, lead: coalesce(m.lead, false)}],
         areas: [(x)-[:SERVES]->(j:Jurisdiction) | j {.id, .name, .kind, .level}]
       }] AS page,
       ($jurisdiction IS NULL OR place IS NOT NULL) AS jurisdiction_known
