// Organizations stored before their weekly hours were kept as minutes and as letters per hour
// (service.store.upgrades.add_week_hours).
// Parameters: none. Read.
MATCH (o:Organization)
WHERE o.open_minutes IS NULL OR o.open_hours IS NULL
RETURN o.id AS id, o.hours AS hours
