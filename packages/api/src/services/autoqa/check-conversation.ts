/**
 * AutoQA over one ended conversation: its messages through every enabled rule, the flags written together with the
 * conversation's check row. The check row's key is the conversation, so a second run (a retried job, the backfill
 * meeting a conversation the subscriber already did) writes nothing.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { checkConversation, type AutoQaTranscript, type RunnableRule } from "./engine.ts";

export async function loadTranscript(db: Db, conversationId: number): Promise<AutoQaTranscript | null> {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      createdAt: true,
      events: { where: { type: "BOT_HANDOFF" }, orderBy: { at: "asc" }, take: 1, select: { at: true } },
      messages: { orderBy: { id: "asc" }, select: { id: true, senderType: true, kind: true, body: true, createdAt: true } },
    },
  });
  if (!conversation) return null;
  return { messages: conversation.messages, startedAt: conversation.events[0]?.at ?? conversation.createdAt };
}

export type CheckOutcome = { checked: true; flags: number } | { checked: false; reason: "already_checked" | "not_found" };

export async function checkEndedConversation(db: Db, conversationId: number, rules: readonly RunnableRule[]): Promise<CheckOutcome> {
  if (await db.autoQaCheck.findUnique({ where: { conversationId }, select: { conversationId: true } })) return { checked: false, reason: "already_checked" };
  const transcript = await loadTranscript(db, conversationId);
  if (!transcript) return { checked: false, reason: "not_found" };
  const flags = checkConversation(rules, transcript);
  try {
    await db.$transaction([
      db.autoQaCheck.create({ data: { conversationId, flagCount: flags.length } }),
      db.autoQaFlag.createMany({
        data: flags.map((flag) => ({
          conversationId,
          messageId: flag.messageId,
          rule: flag.rule,
          severity: flag.severity,
          detail: { ...flag.detail, critical: flag.critical } satisfies Prisma.InputJsonObject,
        })),
      }),
    ]);
  } catch (error) {
    // another worker checked it first: its flags stand
    if ((error as { code?: string }).code === "P2002") return { checked: false, reason: "already_checked" };
    throw error;
  }
  return { checked: true, flags: flags.length };
}
