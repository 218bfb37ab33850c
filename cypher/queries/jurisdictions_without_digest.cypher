// Jurisdictions stored before coverage digests existed (service.store.upgrades.add_coverage_digests).
// Parameters: none. Read.
MATCH (j:Jurisdiction)
WHERE NOT EXISTS { MATCH (:CoverageDigest {id: j.id}) }
RETURN j.id AS id
