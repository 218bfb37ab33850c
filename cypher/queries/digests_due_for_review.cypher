// The coverage digests a scheduled retirement has reached: their review_on (the first retired_on
// after the day they were built, writes/refresh_coverage_digests) is $today or earlier, so they
// still list a capability that no longer routes. service.digest.refresh_due_digests rebuilds them.
// Parameters: $today (YYYY-MM-DD). Read.
MATCH (d:CoverageDigest)
WHERE d.review_on <= $today
RETURN d.id AS id
ORDER BY id
