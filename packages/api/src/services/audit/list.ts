import type { AuditResult, Db, Prisma } from "@kefu/db/client";
import { keysetPage } from "../pagination.ts";
import { displayIp, resolveAuditTargets } from "./present.ts";

export interface AuditListInput {
  cursor?: number;
  limit: number;
  action?: string;
  actorId?: number;
  result?: AuditResult;
  from?: Date;
  to?: Date;
}

/** Newest first, keyset-paginated by id; each row with its target by name and its address as people read it. */
export async function listAuditLogs(db: Db, input: AuditListInput) {
  const where: Prisma.AuditLogWhereInput = {
    ...(input.cursor ? { id: { lt: input.cursor } } : {}),
    ...(input.action ? { action: { startsWith: input.action } } : {}),
    ...(input.actorId ? { actorId: input.actorId } : {}),
    ...(input.result ? { result: input.result } : {}),
    ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } } : {}),
  };
  const rows = await db.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      action: true,
      actorId: true,
      actorLabel: true,
      targetType: true,
      targetId: true,
      result: true,
      ip: true,
      userAgent: true,
      detail: true,
      createdAt: true,
      actor: { select: { name: true, employeeNo: true } },
    },
  });
  const page = keysetPage(rows, input.limit);
  const targets = await resolveAuditTargets(db, page.items);
  return { ...page, items: page.items.map((row, index) => ({ ...row, ip: displayIp(row.ip), target: targets[index] ?? null })) };
}
