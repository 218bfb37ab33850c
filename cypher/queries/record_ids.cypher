// Ids of every organization, contact, task force, capability and place fact, by label (for the backup export).
// Parameters: none. Read.
MATCH (n)
WHERE n:Organization OR n:Contact OR n:TaskForce OR n:Capability OR n:PlaceFact
RETURN [l IN labels(n) WHERE l IN ['Organization', 'Contact', 'TaskForce', 'Capability', 'PlaceFact']][0] AS label, n.id AS id
ORDER BY label, id
