/**
 * The look-up's circuit breaker, kept on the connection row so every web process sees the same state: it opens after
 * CRM_BREAKER_THRESHOLD consecutive failures; while open, look-ups fail fast; after CRM_BREAKER_COOLDOWN_SECONDS one
 * trial request is let through (half-open: the process that moves `circuitOpenedAt` forward wins it), whose success
 * closes the breaker and whose failure keeps it open for another cool-down.
 */
import type { Db } from "@kefu/db/client";
import { CRM_BREAKER_COOLDOWN_SECONDS, CRM_BREAKER_THRESHOLD } from "../../contracts/crm.ts";
import { CRM_CONNECTION_ID } from "./connection.ts";

export type BreakerDecision = "closed" | "trial" | "open";

export async function breakerDecision(db: Db, now: Date): Promise<BreakerDecision> {
  const row = await db.crmConnection.findUnique({ where: { id: CRM_CONNECTION_ID }, select: { circuitOpenedAt: true } });
  const openedAt = row?.circuitOpenedAt;
  if (!openedAt) return "closed";
  if (now.getTime() - openedAt.getTime() < CRM_BREAKER_COOLDOWN_SECONDS * 1000) return "open";
  const claimed = await db.crmConnection.updateMany({ where: { id: CRM_CONNECTION_ID, circuitOpenedAt: openedAt }, data: { circuitOpenedAt: now } });
  return claimed.count === 1 ? "trial" : "open";
}

export async function recordLookupSuccess(db: Db): Promise<void> {
  await db.crmConnection.updateMany({
    where: { id: CRM_CONNECTION_ID, OR: [{ consecutiveFailures: { gt: 0 } }, { circuitOpenedAt: { not: null } }] },
    data: { consecutiveFailures: 0, circuitOpenedAt: null },
  });
}

export async function recordLookupFailure(db: Db, error: string, now: Date): Promise<void> {
  const row = await db.crmConnection.update({
    where: { id: CRM_CONNECTION_ID },
    data: { consecutiveFailures: { increment: 1 }, lastLookupError: error.slice(0, 1000), lastLookupErrorAt: now },
    select: { consecutiveFailures: true, circuitOpenedAt: true },
  });
  if (row.consecutiveFailures >= CRM_BREAKER_THRESHOLD && !row.circuitOpenedAt)
    await db.crmConnection.updateMany({ where: { id: CRM_CONNECTION_ID, circuitOpenedAt: null }, data: { circuitOpenedAt: now } });
}
