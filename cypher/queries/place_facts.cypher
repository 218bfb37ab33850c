// The facts about one place and the places enclosing it (ABOUT the place or an ancestor), live
// ones only, nearest place first, then by kind: its infrastructure and law, for the place page
// and Jurisdiction.facts.
// Parameters: $id (jurisdiction id). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
MATCH up = (:Jurisdiction {id: $id})-[:PART_OF*0..]->(j:Jurisdiction)
WITH j, min(length(up)) AS hops
MATCH (j)<-[:ABOUT]-(f:PlaceFact)
WHERE f.retired_on IS NULL OR f.retired_on > $today
WITH f {.id, .kind, .statement, .source, .verified_on, .retired_on} AS fact, j.id AS about_id, j.name AS about, hops
RETURN fact, about_id, about, hops
ORDER BY hops, fact.kind, fact.id
