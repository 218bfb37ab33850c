// Create or update organizations from a roster batch, keyed on id; counts the new and the changed rows.
// Parameters: rows (list of {id, props, derived (open_minutes: loaders.rosters.organizations), trained_on
//   (null: not known to be trained), source (null: kept by stewards), fingerprint}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:Organization {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (o:Organization {id: row.id})
SET o += row.props, o += row.derived, o.trained_on = row.trained_on, o.source = row.source, o.fingerprint = row.fingerprint
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
