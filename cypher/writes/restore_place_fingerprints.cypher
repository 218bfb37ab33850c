// Put back the change-detection fingerprints of restored jurisdictions (refgraph import).
// Parameters: $rows [{id, fingerprint}]. Write.
UNWIND $rows AS row
MATCH (j:Jurisdiction {id: row.id})
SET j.fingerprint = row.fingerprint
RETURN count(j) AS restored
