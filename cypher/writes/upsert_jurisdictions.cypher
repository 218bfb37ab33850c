// Create or update built-in jurisdictions (country, states, counties, cities), keyed on id, each PART_OF its parent; counts the new and the changed rows.
// Rows whose stored fingerprint is unchanged are skipped; changed rows lost their non-region parent links in writes/unlink_jurisdiction_parents.
// Parameters: rows (list of {id, props, parent, fingerprint}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:Jurisdiction {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (j:Jurisdiction {id: row.id})
SET j += row.props, j.fingerprint = row.fingerprint
WITH j, row, before
CALL (j, row) {
  UNWIND (CASE WHEN row.parent IS NULL THEN [] ELSE [row.parent] END) AS parentId
  MATCH (parent:Jurisdiction {id: parentId})
  CREATE (j)-[:PART_OF]->(parent)
}
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
