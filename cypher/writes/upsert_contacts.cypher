// Create or update contacts from a roster batch, keyed on id; counts the new and the changed rows.
// Parameters: rows (list of {id, props, fingerprint, ...links}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:Contact {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (c:Contact {id: row.id})
SET c += row.props, c.fingerprint = row.fingerprint
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
