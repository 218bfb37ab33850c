// Capabilities covering each asked place: own (COVERS the place) and inherited (COVERS an ancestor),
// each once with its nearest coverage edge (`at`: where it lands, and how many PART_OF hops up);
// each ancestor is found once, with its nearest distance, before its coverage is expanded.
// Parameters: $keys (list of {id: jurisdiction id, service: name or null, include_retired: bool}). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
UNWIND $keys AS key
MATCH (p:Jurisdiction {id: key.id})
CALL (p, key) {
  MATCH up = (p)-[:PART_OF*0..]->(j:Jurisdiction)
  WITH j, key, min(length(up)) AS hops
  MATCH (j)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
  WHERE (key.service IS NULL OR c.service = key.service)
    AND (key.include_retired OR ((c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today)))
  WITH c, o, j, hops
  ORDER BY coalesce(j.level, 9), hops
  WITH c, o, collect(j {.id, .name, .kind, .level, hops: hops})[0] AS at
  RETURN collect(c {
    .*, organization: o.id, at: at,
    covers: [(c)-[:COVERS]->(x:Jurisdiction) | x {.id, .name, .kind, .level}],
    contact: [(c)-[:VIA]->(k:Contact) | k.id][0]
  }) AS coverage
}
RETURN key.id AS id, key.service AS service, key.include_retired AS include_retired, coverage
