import type { Db, Prisma, Severity } from "@kefu/db/client";
import { realtimeEvents, type RealtimePayload } from "../../contracts/realtime.ts";
import { channels } from "../../realtime/channels.ts";
import { publish } from "../../realtime/pusher.ts";
import { AppError } from "../../errors.ts";
import { keysetPage } from "../pagination.ts";

export const SECURITY_ALERT_TYPES = ["ACCOUNT_LOCKED", "IP_RATE_LIMITED", "AUDIT_CHAIN_BROKEN", "PASSKEY_COUNTER_MISMATCH"] as const;
export type SecurityAlertType = (typeof SECURITY_ALERT_TYPES)[number];

export async function raiseSecurityAlert(
  db: Db,
  alert: { type: SecurityAlertType; severity?: Severity; userId?: number | null; ip?: string | null; detail?: Prisma.InputJsonValue },
) {
  const row = await db.securityAlert.create({
    data: { type: alert.type, severity: alert.severity ?? "MEDIUM", userId: alert.userId ?? null, ip: alert.ip ?? null, detail: alert.detail },
    select: { id: true, type: true, severity: true, userId: true, createdAt: true },
  });
  const published: RealtimePayload<"security.alert"> = { id: row.id, type: row.type, severity: row.severity, userId: row.userId };
  await publish(channels.security, realtimeEvents.securityAlert, published);
  return row;
}

export async function listSecurityAlerts(db: Db, input: { cursor?: number; limit: number; unacknowledgedOnly?: boolean }) {
  const rows = await db.securityAlert.findMany({
    where: { ...(input.cursor ? { id: { lt: input.cursor } } : {}), ...(input.unacknowledgedOnly ? { acknowledgedAt: null } : {}) },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      type: true,
      severity: true,
      ip: true,
      detail: true,
      createdAt: true,
      acknowledgedAt: true,
      user: { select: { id: true, name: true, employeeNo: true } },
      acknowledgedBy: { select: { id: true, name: true } },
    },
  });
  return keysetPage(rows, input.limit);
}

export function countOpenSecurityAlerts(db: Db) {
  return db.securityAlert.count({ where: { acknowledgedAt: null } });
}

export async function acknowledgeSecurityAlert(db: Db, input: { id: number; actorId: number }) {
  const alert = await db.securityAlert.findUnique({ where: { id: input.id }, select: { acknowledgedAt: true } });
  if (!alert) throw new AppError("NOT_FOUND", { field: "id" });
  if (alert.acknowledgedAt) throw new AppError("ALREADY_DONE");
  return db.securityAlert.update({
    where: { id: input.id },
    data: { acknowledgedAt: new Date(), acknowledgedById: input.actorId },
    select: { id: true, acknowledgedAt: true },
  });
}
