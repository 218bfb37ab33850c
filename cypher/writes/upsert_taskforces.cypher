// Create or update task forces from a roster batch, keyed on id, with members' MEMBER_OF (lead flagged) and SERVES links; counts the new and the changed rows.
// Rows whose stored fingerprint is unchanged are skipped; changed rows lost their old links in writes/unlink_taskforces.
// Parameters: rows (list of {id, props, fingerprint, members: [{id, lead}], serves: [jurisdiction id]}). Write.
UNWIND $rows AS row
OPTIONAL MATCH (old:TaskForce {id: row.id})
WITH row, old.fingerprint AS before
WHERE before IS NULL OR before <> row.fingerprint
MERGE (t:TaskForce {id: row.id})
SET t += row.props, t.fingerprint = row.fingerprint
WITH t, row, before
CALL (t, row) {
  UNWIND row.members AS member
  MATCH (o:Organization {id: member.id})
  CREATE (o)-[:MEMBER_OF {lead: member.lead}]->(t)
}
CALL (t, row) {
  UNWIND row.serves AS placeId
  MATCH (j:Jurisdiction {id: placeId})
  CREATE (t)-[:SERVES]->(j)
}
RETURN count(*) AS changed,
       sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before IS NOT NULL THEN 1 ELSE 0 END) AS updated
