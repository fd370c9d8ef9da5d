/**
 * AutoQA over history: every ended conversation not yet checked, in batches (one read of the batch's messages and
 * hand-offs, one transaction for its check rows and flags). A batch that meets a conversation checked meanwhile by
 * the end-of-conversation job falls back to one conversation at a time, where the check row decides.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { checkEndedConversation } from "./check-conversation.ts";
import { checkConversation, type AutoQaTranscriptMessage, type RunnableRule } from "./engine.ts";
import { loadEnabledRules } from "./rules.ts";

export interface BackfillOptions {
  /** conversations created in [from, to); all when left out */
  from?: Date;
  to?: Date;
  batchSize?: number;
  onProgress?: (done: number, total: number) => unknown;
}

const ENDED = ["RESOLVED", "ABANDONED"] as const;

export async function backfillAutoQa(db: Db, options: BackfillOptions = {}): Promise<{ checked: number; flags: number }> {
  const batchSize = options.batchSize ?? 200;
  const where: Prisma.ConversationWhereInput = {
    status: { in: [...ENDED] },
    autoQaCheck: { is: null },
    ...(options.from || options.to ? { createdAt: { ...(options.from ? { gte: options.from } : {}), ...(options.to ? { lt: options.to } : {}) } } : {}),
  };
  const total = await db.conversation.count({ where });
  const rules = await loadEnabledRules(db);
  let done = 0;
  let flags = 0;
  let afterId = 0;
  await options.onProgress?.(0, total);
  for (;;) {
    const batch = await db.conversation.findMany({
      where: { ...where, id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, createdAt: true },
    });
    if (batch.length === 0) break;
    afterId = batch.at(-1)!.id;
    flags += await checkBatch(db, batch, rules);
    done += batch.length;
    await options.onProgress?.(Math.min(done, total), total);
  }
  return { checked: done, flags };
}

async function checkBatch(db: Db, batch: { id: number; createdAt: Date }[], rules: readonly RunnableRule[]): Promise<number> {
  const ids = batch.map((c) => c.id);
  const [messages, handoffs] = await Promise.all([
    db.message.findMany({
      where: { conversationId: { in: ids } },
      orderBy: [{ conversationId: "asc" }, { id: "asc" }],
      select: { id: true, conversationId: true, senderType: true, kind: true, body: true, createdAt: true },
    }),
    db.conversationEvent.groupBy({ by: ["conversationId"], where: { conversationId: { in: ids }, type: "BOT_HANDOFF" }, _min: { at: true } }),
  ]);
  const byConversation = new Map<number, AutoQaTranscriptMessage[]>();
  for (const message of messages) byConversation.set(message.conversationId, [...(byConversation.get(message.conversationId) ?? []), message]);
  const handoffAt = new Map(handoffs.map((h) => [h.conversationId, h._min.at]));
  const results = batch.map((conversation) => ({
    conversationId: conversation.id,
    flags: checkConversation(rules, {
      messages: byConversation.get(conversation.id) ?? [],
      startedAt: handoffAt.get(conversation.id) ?? conversation.createdAt,
    }),
  }));
  try {
    await db.$transaction([
      db.autoQaCheck.createMany({ data: results.map((r) => ({ conversationId: r.conversationId, flagCount: r.flags.length })) }),
      db.autoQaFlag.createMany({
        data: results.flatMap((r) =>
          r.flags.map((flag) => ({
            conversationId: r.conversationId,
            messageId: flag.messageId,
            rule: flag.rule,
            severity: flag.severity,
            detail: { ...flag.detail, critical: flag.critical } satisfies Prisma.InputJsonObject,
          })),
        ),
      }),
    ]);
    return results.reduce((sum, r) => sum + r.flags.length, 0);
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    let written = 0;
    for (const { conversationId } of results) {
      const outcome = await checkEndedConversation(db, conversationId, rules);
      if (outcome.checked) written += outcome.flags;
    }
    return written;
  }
}
