import { createDb } from "@kefu/db/client";

/**
 * Builds the report rollups over the seeded history (the seed writes raw rows only, as the services do; the worker's
 * rollup subscriber follows the live changes from then on).
 */
export async function rollUpSeededConversations(databaseUrl: string): Promise<void> {
  const { rebuildRollups } = await import("@kefu/api");
  const db = createDb(databaseUrl, 4);
  try {
    const [range] = await db.$queryRaw<{ first: Date | null; last: Date | null }[]>`SELECT MIN(at) AS first, MAX(at) AS last FROM \`ConversationEvent\``;
    if (!range?.first || !range.last) return;
    const day = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await rebuildRollups(db, { from: day(range.first), to: day(new Date(Math.max(range.last.getTime(), Date.now()))) });
  } finally {
    await db.$disconnect();
  }
}
