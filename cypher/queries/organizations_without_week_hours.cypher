// Organizations stored before their weekly hours were kept as open minutes of the week
// (service.store.upgrades.add_week_hours).
// Parameters: none. Read.
MATCH (o:Organization)
WHERE o.open_minutes IS NULL
RETURN o.id AS id, o.hours AS hours
