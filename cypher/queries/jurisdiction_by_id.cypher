// One jurisdiction with its direct parents and how many places it contains.
// Parameters: $id (jurisdiction id). Read.
MATCH (j:Jurisdiction {id: $id})
RETURN j {
  .id, .name, .kind, .level, .fips, .postal, .state, .timezone, .population, .lat, .lon,
  .region_type, .is_territory,
  parents: [(j)-[:PART_OF]->(p:Jurisdiction) | p {.id, .name, .kind, .level}],
  child_count: COUNT { (j)<-[:PART_OF]-(:Jurisdiction) }
} AS jurisdiction
