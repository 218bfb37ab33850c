// Index for the digests a scheduled retirement has reached (queries/digests_due_for_review:
// review_on is null for almost every digest).
// Parameters: none. Schema (write).
CREATE INDEX coverage_digest_review_on IF NOT EXISTS FOR (n:CoverageDigest) ON (n.review_on)
