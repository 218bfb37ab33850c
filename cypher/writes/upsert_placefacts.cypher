// Create or update place facts from a roster batch, keyed on id, each ABOUT its jurisdiction; counts the new and the changed rows.
// Rows whose stored fingerprint is unchanged are skipped; changed rows lost their old link in writes/unlink_placefacts.
// Parameters: rows (list of {id, props, fingerprint, jurisdiction}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:PlaceFact {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (f:PlaceFact {id: row.id})
SET f += row.props, f.fingerprint = row.fingerprint
WITH f, row, before
MATCH (j:Jurisdiction {id: row.jurisdiction})
CREATE (f)-[:ABOUT]->(j)
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
