// Matrix summary, national: everything needed to push coverage DOWN the PART_OF DAG once
// for every place at once (service.domain.matrix_summary does the push-down). Rows of the
// first part are kinds of offer: a service with the values it accepts, and `offers`, who
// offers it (each live organization with a live capability of that kind) and the
// jurisdictions each such capability COVERS. Rows of the second part are places, `reaches`
// their direct PART_OF parents. Places below $min_level (the level of the kind summarised:
// cities 1, counties 2) cannot pass coverage down to it, so they are left out on both sides
// (a node without a level is kept). Offers are grouped by kind because the columns a
// capability fills depend on its accepted values alone, and ~2,500 kinds travel to the
// service in under half the time of ~62,000 capabilities one a row (Neo4j, scale 1: a
// 1.0 s read against 2.3-2.9 s; bench/README.md, "Stop 24").
// Parameters: $services (list of service names), $min_level (int). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
MATCH (o:Organization)-[:OFFERS]->(c:Capability)
WHERE (c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today) AND c.service IN $services
WITH o, c, [(c)-[:COVERS]->(j:Jurisdiction) WHERE coalesce(j.level, 9) >= $min_level | j.id] AS reaches
WITH c.service AS service, c.urgency AS urgency, c.hours AS hours, c.nationality AS nationality,
  c.age AS age, c.gender AS gender, c.trafficking AS trafficking, collect({organization: o.id, reaches: reaches}) AS offers
RETURN null AS place, {service: service, urgency: urgency, hours: hours, nationality: nationality, age: age,
  gender: gender, trafficking: trafficking} AS capability, offers, null AS reaches
UNION ALL
MATCH (x:Jurisdiction)
WHERE coalesce(x.level, 9) >= $min_level
RETURN x {.id, .name, .kind, .state, .population} AS place, null AS capability, null AS offers,
  [(x)-[:PART_OF]->(a:Jurisdiction) | a.id] AS reaches
