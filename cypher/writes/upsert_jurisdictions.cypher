// Create or update built-in jurisdictions (country, states, counties, cities), keyed on id; counts the new and the changed rows.
// Parameters: rows (list of {id, props, parent, fingerprint}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:Jurisdiction {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (j:Jurisdiction {id: row.id})
SET j += row.props, j.fingerprint = row.fingerprint
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
