// The places an HSDS export names as service areas: each one's name and kind, and its state's name.
// Parameters: $ids (list of jurisdiction ids). Read.
UNWIND $ids AS id
MATCH (j:Jurisdiction {id: id})
OPTIONAL MATCH (s:Jurisdiction {id: j.state})
RETURN j.id AS id, j.name AS name, j.kind AS kind, s.name AS state_name
ORDER BY id
