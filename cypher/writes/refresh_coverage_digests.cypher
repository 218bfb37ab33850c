// Rebuild the coverage digest (cov_keys) of the jurisdictions a write touched: the given ones,
// those covered by the given organizations' capabilities, those a changed capability stopped
// covering (marked cov_stale by writes/unlink_capabilities), or every one ($everything).
// A digest lists the live capabilities (live organization too) covering the jurisdiction, in
// ranking order within it (service.coverage.rank_key: priority (none = 100), most recently
// verified (none last), id), each as one key: [!]SERVICE|letters[|open_hours]#id, where the six
// letters are urgency, nationality, age, gender, trafficking, hours (service.digest.LETTERS:
// a = the first value only, b = the second only, c = both, n = neither), open_hours (the
// organization's 168 letters, service.hours.WeeklyHours.week_hours) follows when the
// capability takes one hours value only, and ! marks a capability that also covers an ancestor
// or a descendant of this jurisdiction (routing counts it once, at the nearest).
// queries/route_referrals filters these keys instead of visiting every capability.
// Parameters: ids (jurisdiction ids), organizations (organization ids), everything (bool). Write.
CALL () {
  UNWIND $ids AS jid
  MATCH (j:Jurisdiction {id: jid})
  RETURN j
  UNION
  UNWIND $organizations AS oid
  MATCH (:Organization {id: oid})-[:OFFERS]->(:Capability)-[:COVERS]->(j:Jurisdiction)
  RETURN j
  UNION
  MATCH (j:Jurisdiction {cov_stale: true})
  RETURN j
  UNION
  UNWIND (CASE WHEN $everything THEN [true] ELSE [] END) AS all
  MATCH (j:Jurisdiction)
  RETURN j
}
WITH DISTINCT j
CALL (j) {
  OPTIONAL MATCH (j)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
  WHERE c.retired_on IS NULL AND o.retired_on IS NULL
  WITH j, c, o
  ORDER BY coalesce(c.priority, 100), CASE WHEN c.verified_on IS NULL THEN 1 ELSE 0 END, c.verified_on DESC, c.id
  WITH j, c, o,
    [d IN [['URGENT', 'NON_URGENT', c.urgency], ['FOREIGN_NATIONAL', 'US_CITIZEN', c.nationality],
           ['MINOR', 'ADULT', c.age], ['MALE', 'FEMALE', c.gender], ['LABOR', 'SEX', c.trafficking],
           ['BUSINESS_HOURS', 'AFTER_HOURS', c.hours]] |
      CASE WHEN d[0] IN d[2] AND d[1] IN d[2] THEN 'c' WHEN d[0] IN d[2] THEN 'a'
           WHEN d[1] IN d[2] THEN 'b' ELSE 'n' END] AS letters
  WITH j, c, o, letters,
    EXISTS { MATCH (c)-[:COVERS]->(k:Jurisdiction)
             WHERE k <> j AND (EXISTS { MATCH (k)-[:PART_OF*]->(j) } OR EXISTS { MATCH (j)-[:PART_OF*]->(k) }) } AS nested
  RETURN collect(CASE WHEN nested THEN '!' ELSE '' END + c.service + '|' + reduce(s = '', x IN letters | s + x)
                 + CASE WHEN letters[5] IN ['a', 'b'] THEN '|' + coalesce(o.open_hours, '') ELSE '' END
                 + '#' + c.id) AS keys
}
SET j.cov_keys = keys
REMOVE j.cov_stale
RETURN count(j) AS refreshed
