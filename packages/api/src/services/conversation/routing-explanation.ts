/** Why a conversation is in its team's queue, and whether it was offered to a backup team, as the console shows it. */
import type { Db, Prisma } from "@kefu/db/client";
import { ROUTING_DECISIONS, type RoutingDecision } from "../../contracts/routing.ts";
import { assertCanView } from "./access.ts";
import type { Actor } from "./actor.ts";

const LOOKBACK_EVENTS = 50;

function objectOf(value: Prisma.JsonValue | null): Record<string, Prisma.JsonValue> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, Prisma.JsonValue>) : null;
}

function decisionOf(detail: Prisma.JsonValue | null): RoutingDecision | null {
  const routing = objectOf(objectOf(detail)?.routing ?? null);
  const by = routing?.by;
  if (!routing || typeof by !== "string" || !(ROUTING_DECISIONS as readonly string[]).includes(by)) return null;
  const text = (key: string) => {
    const value = routing[key];
    return typeof value === "string" ? value : undefined;
  };
  return {
    by: by as RoutingDecision["by"],
    ruleId: typeof routing.ruleId === "number" ? routing.ruleId : undefined,
    ruleName: text("ruleName"),
    keyword: text("keyword"),
    categoryName: text("categoryName"),
  };
}

export async function explainRouting(db: Db, actor: Actor, conversationId: number) {
  await assertCanView(db, actor, conversationId);
  const events = await db.conversationEvent.findMany({
    where: { conversationId, type: { in: ["BOT_HANDOFF", "QUEUED", "OVERFLOWED"] } },
    orderBy: { id: "desc" },
    take: LOOKBACK_EVENTS,
    select: { id: true, type: true, detail: true, toTeamId: true, at: true },
  });
  const decided = events.find((e) => e.type !== "OVERFLOWED" && decisionOf(e.detail) !== null);
  const overflowEvent = events.find((e) => e.type === "OVERFLOWED" && (!decided || e.id > decided.id));
  const detail = objectOf(overflowEvent?.detail ?? null);
  const backupTeam = overflowEvent?.toTeamId ? await db.team.findUnique({ where: { id: overflowEvent.toTeamId }, select: { id: true, name: true } }) : null;
  return {
    decision: decided ? { ...decisionOf(decided.detail)!, at: decided.at } : null,
    overflow:
      overflowEvent && detail
        ? {
            backupTeam,
            reason: detail.reason === "queue_length" ? ("queue_length" as const) : ("wait" as const),
            threshold: typeof detail.threshold === "number" ? detail.threshold : null,
            at: overflowEvent.at,
          }
        : null,
  };
}
