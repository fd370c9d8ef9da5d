import { createDb } from "@kefu/db/client";

/** Builds the knowledge search index of freshly seeded demo data, so the bot answers at once. */
export async function indexKnowledge(databaseUrl: string): Promise<void> {
  const { ensureKnowledgeIndex } = await import("@kefu/api");
  const db = createDb(databaseUrl, 2);
  try {
    await ensureKnowledgeIndex(db);
  } finally {
    await db.$disconnect();
  }
}
