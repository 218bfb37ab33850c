// Matrix summary, national: everything needed to push coverage DOWN the PART_OF DAG once
// for every place at once (service.domain.matrix_summary does the push-down): each live capability of
// a live organization with its accepted values and the jurisdictions it COVERS, then every
// jurisdiction with its direct parents. Rows of the first part have a capability, rows of
// the second a place; `reaches` is COVERS targets or PART_OF parents respectively. Places
// below $min_level (the level of the kind summarised: cities 1, counties 2) cannot pass
// coverage down to it, so they are left out on both sides (a node without a level is kept).
// Parameters: $services (list of service names), $min_level (int). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
MATCH (o:Organization)-[:OFFERS]->(c:Capability)
WHERE (c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today) AND c.service IN $services
RETURN null AS place, o.id AS organization,
  c {.service, .urgency, .hours, .nationality, .age, .gender, .trafficking} AS capability,
  [(c)-[:COVERS]->(j:Jurisdiction) WHERE coalesce(j.level, 9) >= $min_level | j.id] AS reaches
UNION ALL
MATCH (x:Jurisdiction)
WHERE coalesce(x.level, 9) >= $min_level
RETURN x {.id, .name, .kind, .state, .population} AS place, null AS organization,
  null AS capability, [(x)-[:PART_OF]->(a:Jurisdiction) | a.id] AS reaches
