// The jurisdictions these capabilities cover now (a changed row may stop covering them: their
// coverage digests are rebuilt, loaders.digests).
// Parameters: ids (capability ids). Read.
UNWIND $ids AS wanted
MATCH (:Capability {id: wanted})-[:COVERS]->(j:Jurisdiction)
RETURN DISTINCT j.id AS id
