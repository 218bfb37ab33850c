// Ids of every organization, contact, task force and capability, by label (for the backup export).
// Parameters: none. Read.
MATCH (n)
WHERE n:Organization OR n:Contact OR n:TaskForce OR n:Capability
RETURN [l IN labels(n) WHERE l IN ['Organization', 'Contact', 'TaskForce', 'Capability']][0] AS label, n.id AS id
ORDER BY label, id
