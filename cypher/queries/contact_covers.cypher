// The jurisdictions covered by capabilities these contacts are asked for at (retiring a contact,
// or changing its training, changes their coverage digests' order, loaders.digests).
// Parameters: ids (contact ids). Read.
UNWIND $ids AS wanted
MATCH (:Contact {id: wanted})<-[:VIA]-(:Capability)-[:COVERS]->(j:Jurisdiction)
RETURN DISTINCT j.id AS id
