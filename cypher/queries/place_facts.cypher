// The facts about each of these places and the places enclosing it (ABOUT the place or an
// ancestor), live ones only, nearest place first, then by kind: its infrastructure and law, for
// the place page and Jurisdiction.facts (one read for a page of places).
// Parameters: $ids (jurisdiction ids). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
UNWIND $ids AS id
MATCH up = (:Jurisdiction {id: id})-[:PART_OF*0..]->(j:Jurisdiction)
WITH id, j, min(length(up)) AS hops
MATCH (j)<-[:ABOUT]-(f:PlaceFact)
WHERE f.retired_on IS NULL OR f.retired_on > $today
WITH id, f {.id, .kind, .statement, .source, .verified_on, .retired_on} AS fact, j.id AS about_id, j.name AS about, hops
RETURN id, fact, about_id, about, hops
ORDER BY id, hops, fact.kind, fact.id
