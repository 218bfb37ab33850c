// Link each task force of a roster batch to its member organizations (lead flagged) and the jurisdictions it serves.
// Parameters: rows (list of {id, members: [{id, lead}], serves: [jurisdiction id]}). Write.
UNWIND $rows AS row
MATCH (t:TaskForce {id: row.id})
CALL (t, row) {
  UNWIND row.members AS member
  MATCH (o:Organization {id: member.id})
  MERGE (o)-[m:MEMBER_OF]->(t)
  SET m.lead = member.lead
}
CALL (t, row) {
  UNWIND row.serves AS placeId
  MATCH (j:Jurisdiction {id: placeId})
  MERGE (t)-[:SERVES]->(j)
}
RETURN count(*) AS linked
