/** A conversation's AutoQA flags, for its reviewers and supervisors, with the rule's name and points. */
import type { Db } from "@kefu/db/client";
import { autoQaFlagListInput } from "../../contracts/autoqa.ts";
import { AppError, parseInput } from "../../errors.ts";

export async function listConversationFlags(db: Db, raw: unknown) {
  const { conversationId } = parseInput(autoQaFlagListInput, raw);
  const [conversation, check, flags, rules] = await Promise.all([
    db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } }),
    db.autoQaCheck.findUnique({ where: { conversationId }, select: { checkedAt: true } }),
    db.autoQaFlag.findMany({
      where: { conversationId },
      orderBy: [{ messageId: "asc" }, { id: "asc" }],
      select: { id: true, messageId: true, rule: true, severity: true, detail: true, createdAt: true },
    }),
    db.autoQaRule.findMany({ select: { key: true, name: true, type: true, points: true } }),
  ]);
  if (!conversation) throw new AppError("NOT_FOUND", { field: "conversationId" });
  const byKey = new Map(rules.map((rule) => [rule.key, rule]));
  return {
    checkedAt: check?.checkedAt ?? null,
    flags: flags.map((flag) => ({ ...flag, ruleName: byKey.get(flag.rule)?.name ?? flag.rule, points: byKey.get(flag.rule)?.points ?? 0 })),
  };
}
