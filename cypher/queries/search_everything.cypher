// Search box: places, organizations and contacts whose name contains the text
// (case-insensitive), exact and prefix matches first, at most $limit of each kind.
// Parameters: $text (lower-cased, trimmed), $limit (per kind). Read.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
CALL () {
  MATCH (j:Jurisdiction)
  WHERE toLower(j.name) CONTAINS $text
  RETURN 'place' AS kind, j.id AS id, j.name AS name, j.kind AS detail, j.state AS state,
    j.population AS population, coalesce(j.level, 9) AS level, null AS organization,
    null AS phone, toLower(j.name) AS key
  UNION ALL
  MATCH (o:Organization)
  WHERE toLower(o.name) CONTAINS $text AND (o.retired_on IS NULL OR o.retired_on > $today)
  RETURN 'organization' AS kind, o.id AS id, o.name AS name, o.type AS detail, null AS state,
    null AS population, 0 AS level, null AS organization, o.phone AS phone, toLower(o.name) AS key
  UNION ALL
  MATCH (k:Contact)-[:WORKS_FOR]->(o:Organization)
  WHERE toLower(k.name) CONTAINS $text AND (k.retired_on IS NULL OR k.retired_on > $today)
  RETURN 'contact' AS kind, k.id AS id, k.name AS name, k.role AS detail, null AS state,
    null AS population, 0 AS level, o {.id, .name} AS organization, coalesce(k.phone, o.phone) AS phone,
    toLower(k.name) AS key
}
WITH kind, id, name, detail, state, population, organization, phone,
  CASE WHEN key = $text THEN 0 WHEN key STARTS WITH $text THEN 1 ELSE 2 END AS rank, level
ORDER BY kind, rank, level, name, id
WITH kind, collect({id: id, name: name, detail: detail, state: state, population: population,
  organization: organization, phone: phone})[..$limit] AS hits, count(*) AS total
RETURN kind, hits, total
