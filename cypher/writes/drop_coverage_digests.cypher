// Upgrade: delete up to $batch CoverageDigest nodes, which databases written before routing
// became a plain traversal hold (service.upgrades.drop_coverage_digests); returns how many were
// deleted (0 = done). Parameters: batch. Write.
MATCH (d:CoverageDigest)
WITH d LIMIT $batch
DETACH DELETE d
RETURN count(*) AS deleted
