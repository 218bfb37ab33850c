// Store organizations' weekly hours as open minutes and as letters per hour (service.store.upgrades;
// the loaders write them with every organization).
// Parameters: rows (list of {id, open_minutes, open_hours}). Write.
UNWIND $rows AS row
MATCH (o:Organization {id: row.id})
SET o.open_minutes = row.open_minutes, o.open_hours = row.open_hours
