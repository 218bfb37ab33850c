// Create or update regions (Jurisdiction kind=region) from a roster batch, keyed on id: PART_OF their state (taking its time zone), member counties PART_OF them; counts the new and the changed rows.
// Rows whose stored fingerprint is unchanged are skipped; changed rows lost their old links in writes/unlink_regions.
// Parameters: rows (list of {id, props, fingerprint, state, counties: [county id]}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:Jurisdiction {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (r:Jurisdiction {id: row.id})
SET r += row.props, r.fingerprint = row.fingerprint
WITH r, row, before
MATCH (s:Jurisdiction {id: row.state})
CREATE (r)-[:PART_OF]->(s)
SET r.timezone = s.timezone
WITH r, row, before
CALL (r, row) {
  UNWIND row.counties AS countyId
  MATCH (c:Jurisdiction {id: countyId})
  CREATE (c)-[:PART_OF]->(r)
}
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
