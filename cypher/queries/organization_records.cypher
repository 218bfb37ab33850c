// Organizations by id, every property (for nested fields and for rebuilding a roster row).
// Parameters: $ids (list of organization ids). Read.
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN o {.*} AS organization
