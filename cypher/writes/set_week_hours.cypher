// Store organizations' weekly hours as open minutes of the week (service.store.upgrades; the
// loaders write them with every organization).
// Parameters: rows (list of {id, open_minutes}). Write.
UNWIND $rows AS row
MATCH (o:Organization {id: row.id})
SET o.open_minutes = row.open_minutes
