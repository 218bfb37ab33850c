// Which of these organization ids exist (roster imports check references before writing).
// Parameters: ids (list of organization ids). Read.
UNWIND $ids AS wanted
MATCH (o:Organization {id: wanted})
RETURN o.id AS id
