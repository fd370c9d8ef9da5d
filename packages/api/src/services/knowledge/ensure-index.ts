import type { Db } from "@kefu/db/client";
import { reindexAll } from "./indexer.ts";

/**
 * Builds the search index when published articles exist but none is indexed (a fresh seed or an
 * import that wrote rows directly), so the bot can answer from the first message.
 */
export async function ensureKnowledgeIndex(db: Db): Promise<boolean> {
  const [published, indexed] = await Promise.all([db.kbArticle.count({ where: { status: "PUBLISHED" } }), db.kbTerm.count({ take: 1 })]);
  if (published === 0 || indexed > 0) return false;
  await reindexAll(db);
  return true;
}
