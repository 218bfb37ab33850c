// The stored fingerprint of each of these place fact ids that exists (an import skips rows whose fingerprint is unchanged).
// Parameters: ids (list of ids). Read.
UNWIND $ids AS wanted
MATCH (n:PlaceFact {id: wanted})
RETURN n.id AS id, n.fingerprint AS fingerprint
