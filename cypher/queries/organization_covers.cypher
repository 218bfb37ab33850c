// The jurisdictions these organizations' capabilities cover (retiring an organization or
// changing its hours changes their coverage digests, loaders.digests).
// Parameters: ids (organization ids). Read.
UNWIND $ids AS wanted
MATCH (:Organization {id: wanted})-[:OFFERS]->(:Capability)-[:COVERS]->(j:Jurisdiction)
RETURN DISTINCT j.id AS id
