// Which of these contact ids exist (roster imports check references before writing).
// Parameters: ids (list of contact ids). Read.
UNWIND $ids AS wanted
MATCH (c:Contact {id: wanted})
RETURN c.id AS id
