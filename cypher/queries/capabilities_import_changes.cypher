// What importing these capabilities rows would change (dry run): how many are new and how many differ.
// Parameters: rows (list of {id, fingerprint}). Read.
UNWIND $rows AS row
OPTIONAL MATCH (old:Capability {id: row.id})
WITH row, old.fingerprint AS before
RETURN count(*) AS total,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL AND before <> row.fingerprint THEN 1 ELSE 0 END) AS updated
