// Rebuild the coverage digests (CoverageDigest nodes, id = the jurisdiction's id; kept off the
// Jurisdiction node so that reading a place stays cheap) of the given jurisdictions: the ones a
// write touched (loaders.digests), in batches.
// A digest lists the live capabilities (live organization too) covering the jurisdiction, in
// ranking order within it (service.domain.coverage.rank_key: trained first (its live contact, else its
// organization, has a trained_on), priority (none = 100), most recently verified (none last),
// id), each as one key: [!]SERVICE|letters[|open_hours]#id, where the six
// letters are urgency, nationality, age, gender, trafficking, hours (service.digest.LETTERS:
// a = the first value only, b = the second only, c = both, n = neither), open_hours (the
// organization's 168 letters, service.domain.hours.WeeklyHours.week_hours) follows when the
// capability takes one hours value only, and ! marks a capability that may reach a place
// twice through this jurisdiction: it also covers an ancestor of it, or (regions, counties,
// cities) a jurisdiction sharing a descendant with it, such as an overlapping region
// (queries/route_referrals counts it once, at the nearest; states and the country share
// descendants only with their own ancestors and descendants).
// queries/route_referrals filters these keys instead of visiting every capability.
// The digest's emergency lists hold, in the same order, the keys an emergency block picks
// from: police (offered by an organization of a $local_types type, as
// organization id@key, victim extraction first) and federal (of a $federal_types type, as
// organization id@key). review_on is the first scheduled retirement (a retired_on after $today,
// of a listed capability or its organization) that will change the digest: on that day it is
// rebuilt (queries/digests_due_for_review, service.digest.refresh_due_digests).
// The capabilities are matched and collected in their own subquery (one row even when none
// cover j), so that no pattern starts from a null: ArcadeDB takes a null start (the row an
// OPTIONAL MATCH makes when nothing covers j) as unbound, and a comprehension from it visits
// and returns every COVERS edge in the graph (1.6 million at scale 1, 0.15-0.5 s a place);
// Neo4j answers an empty list, and needs neither shape (docs/engines.md).
// A capability's other places are read from its place_ids (the ids it COVERS, written with the
// links) rather than by following its COVERS links again (a third of the statement's cost).
// Parameters: ids (jurisdiction ids; UNWIND the parameter itself: ArcadeDB uses the id index
//   for it, not for ids computed in the statement), local_types, federal_types (organization
//   types; service.digest.refresh_params gives them). Write.
// $today: the date (YYYY-MM-DD, given by the gateway) a record counts as retired from: a later retired_on is a scheduled retirement, live until then.
UNWIND $ids AS jid
MATCH (j:Jurisdiction {id: jid})
WITH DISTINCT j
CALL (j) {
  MATCH (j)<-[:COVERS]-(c:Capability)<-[:OFFERS]-(o:Organization)
  WHERE (c.retired_on IS NULL OR c.retired_on > $today) AND (o.retired_on IS NULL OR o.retired_on > $today)
  OPTIONAL MATCH (c)-[:VIA]->(k:Contact)
  WHERE (k.retired_on IS NULL OR k.retired_on > $today)
  WITH j, c, o, k, CASE WHEN k IS NULL THEN o.trained_on IS NOT NULL ELSE k.trained_on IS NOT NULL END AS trained
  ORDER BY CASE WHEN trained THEN 0 ELSE 1 END, coalesce(c.priority, 100),
    CASE WHEN c.verified_on IS NULL THEN 1 ELSE 0 END, c.verified_on DESC, c.id
  WITH c, k, [x IN coalesce(c.place_ids, []) WHERE x <> j.id] AS others,
    [d IN [['URGENT', 'NON_URGENT', c.urgency], ['FOREIGN_NATIONAL', 'US_CITIZEN', c.nationality],
           ['MINOR', 'ADULT', c.age], ['MALE', 'FEMALE', c.gender], ['LABOR', 'SEX', c.trafficking],
           ['BUSINESS_HOURS', 'AFTER_HOURS', c.hours]] |
      CASE WHEN d[0] IN d[2] AND d[1] IN d[2] THEN 'c' WHEN d[0] IN d[2] THEN 'a'
           WHEN d[1] IN d[2] THEN 'b' ELSE 'n' END] AS letters, o
  RETURN collect([c.service + '|' + reduce(s = '', x IN letters | s + x)
                 + CASE WHEN letters[5] IN ['a', 'b'] THEN '|' + coalesce(o.open_hours, '') ELSE '' END
                 + '#' + c.id, others, o.id + '@',
                 [o.type IN $local_types AND c.service = 'VICTIM_EXTRACTION',
                  o.type IN $local_types AND c.service <> 'VICTIM_EXTRACTION', o.type IN $federal_types],
                 [x IN [c.retired_on, o.retired_on, k.retired_on] WHERE x IS NOT NULL]]) AS entries
}
WITH j, entries,
  CASE WHEN size(entries) = 0 THEN [] ELSE [(j)-[:PART_OF*]->(a:Jurisdiction) | a.id] END AS ups,
  CASE WHEN size(entries) = 0 OR coalesce(j.level, 9) > 3 THEN []
    ELSE [(j)<-[:PART_OF*1..3]-(x:Jurisdiction) | x] END AS below
WITH j, entries, ups + reduce(all = [], x IN below |
    all + [(x)-[:PART_OF*1..3]->(r:Jurisdiction) WHERE coalesce(r.level, 9) <= 3 | r.id]) AS reachable
WITH j, [e IN entries | [CASE WHEN any(k IN e[1] WHERE k IN reachable) THEN '!' ELSE '' END + e[0], e[2], e[3]]] AS marked,
  reduce(m = null, e IN entries | reduce(n = m, x IN e[4] | CASE WHEN n IS NULL OR x < n THEN x ELSE n END)) AS review_on
MERGE (d:CoverageDigest {id: j.id})
SET d.keys = [m IN marked | m[0]],
  d.police = [m IN marked WHERE m[2][0] | m[1] + m[0]] + [m IN marked WHERE m[2][1] | m[1] + m[0]],
  d.federal = [m IN marked WHERE m[2][2] | m[1] + m[0]],
  d.review_on = review_on
RETURN count(j) AS refreshed
