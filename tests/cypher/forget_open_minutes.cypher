// Test fixtures only: organizations as stored before open minutes were kept (service.store.upgrades).
// Parameters: none. Write.
MATCH (o:Organization)
REMOVE o.open_minutes
RETURN count(o) AS organizations
