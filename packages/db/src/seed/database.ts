/**
 * Whole-database helpers for seeding: is there data, and wiping it.
 */
import type * as mariadb from "mariadb";
import { writeDefaultAlertRules } from "./alert-rules.ts";
import { openSeedConnection } from "./bulk-insert.ts";

/** Tables whose ids the seed assigns itself, continuing after the current maximum. */
export const ID_TABLES = [
  "User",
  "Team",
  "PresenceInterval",
  "Tag",
  "Customer",
  "CustomerIdentity",
  "Conversation",
  "Message",
  "ConversationEvent",
  "KbCategory",
  "KbArticle",
  "KbArticleVersion",
  "KbSynonym",
  "CannedReply",
  "Scorecard",
  "ScorecardCriterion",
  "QaReview",
] as const;

export async function userExists(connection: mariadb.Connection): Promise<boolean> {
  const rows = await connection.query<unknown[]>("SELECT 1 FROM `User` LIMIT 1");
  return rows.length > 0;
}

/** True when the database has at least one staff member (a missing User table counts as not seeded). */
export async function isSeeded(url: string): Promise<boolean> {
  const connection = await openSeedConnection(url);
  try {
    return await userExists(connection);
  } catch (error) {
    if ((error as { code?: string }).code === "ER_NO_SUCH_TABLE") return false;
    throw error;
  } finally {
    await connection.end();
  }
}

/** Deletes every row of every table except the migration history, restarts the audit chain and writes the default alert rules. */
export async function resetData(url: string): Promise<void> {
  const connection = await openSeedConnection(url);
  try {
    const tables = await connection.query<{ name: string }[]>(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> '_prisma_migrations' ORDER BY TABLE_NAME",
    );
    await connection.query("SET FOREIGN_KEY_CHECKS = 0");
    for (const { name } of tables) await connection.query(`TRUNCATE TABLE \`${name.replace(/`/g, "")}\``);
    await connection.query("SET FOREIGN_KEY_CHECKS = 1");
    // A wiped database looks like a freshly migrated one: the audit chain starts again from genesis.
    await connection.query("INSERT INTO `AuditChainHead` (`id`, `lastId`, `lastHash`) VALUES (1, 0, REPEAT('0', 64))");
    await writeDefaultAlertRules(connection);
  } finally {
    await connection.end();
  }
}
