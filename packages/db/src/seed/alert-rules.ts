/**
 * The alert rules a new installation starts with (the data migration `20261202050000_default_alert_rules` writes the
 * same rows): the whole operation, more than 10 waiting, a wait over 5 minutes, today's CSAT under 80 %.
 */
import type * as mariadb from "mariadb";
import type { AlertMetric } from "../../generated/prisma/enums.ts";

export const DEFAULT_ALERT_RULES: readonly { metric: AlertMetric; threshold: number }[] = [
  { metric: "QUEUE_LENGTH", threshold: 10 },
  { metric: "LONGEST_WAIT_SECONDS", threshold: 300 },
  { metric: "CSAT_TODAY_BELOW", threshold: 80 },
];

/** Writes the default rules into an empty rule table (as the migration does); rules already kept stay alone. */
export async function writeDefaultAlertRules(connection: mariadb.Connection): Promise<void> {
  const [existing] = await connection.query<{ n: number | bigint }[]>("SELECT COUNT(*) AS n FROM `MonitorAlertRule`");
  if (Number(existing?.n ?? 0) > 0) return;
  for (const rule of DEFAULT_ALERT_RULES) {
    await connection.query(
      "INSERT INTO `MonitorAlertRule` (`metric`, `threshold`, `teamId`, `enabled`, `createdAt`, `updatedAt`) VALUES (?, ?, NULL, true, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3))",
      [rule.metric, rule.threshold],
    );
  }
}
