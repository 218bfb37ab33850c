// The stored coverage digests of these jurisdictions, every list (service.digest.digest_drift
// compares them with a rebuild).
// Parameters: ids (jurisdiction ids). Read.
UNWIND $ids AS id
MATCH (d:CoverageDigest {id: id})
RETURN d.id AS id, d.keys AS keys, d.police AS police, d.federal AS federal
