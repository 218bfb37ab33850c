// Record one change in the audit trail (in the same transaction as the change itself).
// Parameters: $id, $at, $actor, $action, $kind, $entity, $source, $checksum, $rows, $created,
//   $updated, $unchanged, $reason, $before, $after (JSON text or null). Write.
CREATE (c:Change {id: $id, at: $at, actor: $actor, action: $action, kind: $kind, entity: $entity,
  source: $source, checksum: $checksum, rows: $rows, created: $created, updated: $updated,
  unchanged: $unchanged, reason: $reason, before: $before, after: $after})
RETURN c.id AS change
