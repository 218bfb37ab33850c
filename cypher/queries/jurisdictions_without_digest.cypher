// Jurisdictions stored before coverage digests existed (service.upgrades.add_coverage_digests).
// Parameters: none. Read.
MATCH (j:Jurisdiction)
WHERE j.cov_keys IS NULL
RETURN j.id AS id
