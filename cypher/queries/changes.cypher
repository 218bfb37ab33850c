// The audit trail, newest first: filter by record id, roster kind and time; one page plus the total.
// Parameters: $entity, $kind, $since (ISO date-time; all may be null), $skip, $limit. Read.
MATCH (c:Change)
WHERE ($entity IS NULL OR c.entity = $entity)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($since IS NULL OR c.at >= $since)
WITH c
ORDER BY c.at DESC, c.id
WITH collect(c) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | x {.*}] AS page
