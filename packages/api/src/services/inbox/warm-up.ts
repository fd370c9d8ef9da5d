import type { Db } from "@kefu/db/client";
import { loadBotSettings } from "../bot/index.ts";
import { searchKnowledge } from "../knowledge/index.ts";

/**
 * Loads, when a web process starts, what the first customer message would otherwise wait for: the bot's settings,
 * the search caches, the word segmenter's dictionary and the search statements. A cold process answered its first
 * widget message in about 2 s (the next ones in 0.1–0.5 s); see docs/performance.md. Read-only.
 */
export async function warmUpMessageIntake(db: Db): Promise<void> {
  await loadBotSettings(db);
  await searchKnowledge(db, "你好，我想咨询一下");
}
