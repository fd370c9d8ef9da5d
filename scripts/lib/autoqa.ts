import { createDb } from "@kefu/db/client";

/** Runs AutoQA over the seeded conversations that ended, as the worker does for each conversation that ends. */
export async function checkSeededConversations(databaseUrl: string): Promise<void> {
  const { backfillAutoQa } = await import("@kefu/api");
  const db = createDb(databaseUrl, 2);
  try {
    await backfillAutoQa(db);
  } finally {
    await db.$disconnect();
  }
}
