// Create or update contacts from a roster batch, keyed on id, with their WORKS_FOR link; counts the new and the changed rows.
// Rows whose stored fingerprint is unchanged are skipped; changed rows lost their old link in writes/unlink_contacts.
// Parameters: rows (list of {id, props, trained_on (null: not known to be trained), source, fingerprint,
//   organization}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:Contact {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (c:Contact {id: row.id})
SET c += row.props, c.trained_on = row.trained_on, c.source = row.source, c.fingerprint = row.fingerprint
WITH c, row, before
MATCH (o:Organization {id: row.organization})
CREATE (c)-[:WORKS_FOR]->(o)
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
