// Browse jurisdictions: filter by kind, name search and enclosing place, with or without the
// territories (PR, GU, VI, AS, MP) and their places; one page plus the total.
// Parameters: $kind, $search, $within (all may be null), $territories (bool), $skip, $limit. Read.
MATCH (j:Jurisdiction)
WHERE ($kind IS NULL OR j.kind = $kind)
  AND ($search IS NULL OR toLower(j.name) CONTAINS toLower($search))
  AND ($within IS NULL OR EXISTS { (j)-[:PART_OF*1..]->(:Jurisdiction {id: $within}) })
  AND ($territories OR NOT (coalesce(j.is_territory, false)
       OR EXISTS { (j)-[:PART_OF*1..]->(:Jurisdiction {is_territory: true}) }))
WITH j
ORDER BY j.level DESC, j.name, j.id
WITH collect(j) AS matched
RETURN size(matched) AS total,
       [x IN matched[$skip..($skip + $limit)] | x {
         .id, .name, .kind, .level, .fips, .postal, .state, .timezone, .population, .lat, .lon,
         .region_type, .is_territory,
         parents: [(x)-[:PART_OF]->(p:Jurisdiction) | p {.id, .name, .kind, .level}],
         child_count: COUNT { (x)<-[:PART_OF]-(:Jurisdiction) }
       }] AS page
