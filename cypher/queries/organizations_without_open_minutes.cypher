// Organizations stored before open minutes were kept (service.upgrades): their ids and hours texts.
// Parameters: none. Read.
MATCH (o:Organization)
WHERE o.open_minutes IS NULL
RETURN o.id AS id, o.hours AS hours
