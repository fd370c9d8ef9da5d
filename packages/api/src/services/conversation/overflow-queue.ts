/**
 * A queued conversation's overflow: the backup team it was offered to (a ConversationOverflow row). The row applies
 * only to the queue stint it was made for (its queuedAt equals the conversation's), so a conversation requeued,
 * transferred or reopened since starts again without it and no clean-up is needed.
 */
import { Prisma } from "@kefu/db/client";
import type { Tx } from "../../domain-events/index.ts";

/** SQL for the backup team of this conversation's current queue stint (NULL when none), to use inside a query. */
export function withOverflowTeam(conversationId: number): Prisma.Sql {
  return Prisma.sql`(SELECT o.backupTeamId FROM \`ConversationOverflow\` o JOIN \`Conversation\` oc ON oc.id = o.conversationId AND oc.queuedAt = o.queuedAt
    WHERE o.conversationId = ${conversationId})`;
}

export async function overflowTeamOf(tx: Tx, conversationId: number): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ backupTeamId: number | null }[]>`SELECT ${withOverflowTeam(conversationId)} AS backupTeamId`;
  return row?.backupTeamId === null || row?.backupTeamId === undefined ? null : Number(row.backupTeamId);
}
