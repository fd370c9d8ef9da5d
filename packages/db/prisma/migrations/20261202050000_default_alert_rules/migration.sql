-- Default alert rules for the whole operation (admins change or delete them): more than 10 conversations waiting,
-- a wait longer than 5 minutes, today's CSAT under 80 %. Only into an empty rule table, so rules an admin already
-- keeps are never doubled.
INSERT INTO `MonitorAlertRule` (`metric`, `threshold`, `teamId`, `enabled`, `createdAt`, `updatedAt`)
SELECT defaults.metric, defaults.threshold, NULL, true, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3)
FROM (
    SELECT 1 AS position, 'QUEUE_LENGTH' AS metric, 10 AS threshold
    UNION ALL SELECT 2, 'LONGEST_WAIT_SECONDS', 300
    UNION ALL SELECT 3, 'CSAT_TODAY_BELOW', 80
) defaults
WHERE NOT EXISTS (SELECT 1 FROM `MonitorAlertRule`)
ORDER BY defaults.position;
