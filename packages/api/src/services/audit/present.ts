/**
 * What the audit log page shows of a row besides its own columns: the target by name (the staff member with their
 * employee number, the team, the article's title …) and the address as people write it.
 */
import type { Db } from "@kefu/db/client";

/** The record an audit row is about, by name when it still exists. */
export interface AuditTarget {
  type: string;
  id: string | null;
  /** the record's name, title or question; a metric or type code for records without a name (alert rules, jobs) */
  name: string | null;
  /** a second identifier people know the record by: a staff member's employee number */
  code: string | null;
}

/** An IPv4 client seen through a dual-stack socket arrives as `::ffff:10.1.2.3`: people know it as `10.1.2.3`. */
export function displayIp(ip: string | null): string | null {
  if (!ip) return ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

type Named = { name: string | null; code?: string | null };
type Loader = (db: Db, ids: number[]) => Promise<Map<number, Named>>;

const byId = <T extends { id: number }>(rows: T[], named: (row: T) => Named) => new Map(rows.map((row) => [row.id, named(row)]));

const LOADERS: Record<string, Loader> = {
  User: async (db, ids) =>
    byId(await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, employeeNo: true } }), (u) => ({
      name: u.name,
      code: u.employeeNo,
    })),
  Team: async (db, ids) => byId(await db.team.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (t) => ({ name: t.name })),
  KbArticle: async (db, ids) =>
    byId(await db.kbArticle.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }), (a) => ({ name: a.title })),
  ApiKey: async (db, ids) => byId(await db.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (k) => ({ name: k.name })),
  Conversation: async (db, ids) =>
    byId(await db.conversation.findMany({ where: { id: { in: ids } }, select: { id: true, customer: { select: { name: true } } } }), (c) => ({
      name: c.customer.name,
    })),
  UnansweredQuestion: async (db, ids) =>
    byId(await db.unansweredQuestion.findMany({ where: { id: { in: ids } }, select: { id: true, question: true } }), (q) => ({ name: q.question })),
  MonitorAlertRule: async (db, ids) =>
    byId(await db.monitorAlertRule.findMany({ where: { id: { in: ids } }, select: { id: true, metric: true } }), (r) => ({ name: r.metric })),
  SecurityAlert: async (db, ids) =>
    byId(await db.securityAlert.findMany({ where: { id: { in: ids } }, select: { id: true, type: true } }), (a) => ({ name: a.type })),
  Job: async (db, ids) => byId(await db.job.findMany({ where: { id: { in: ids } }, select: { id: true, type: true } }), (j) => ({ name: j.type })),
};

/** Resolves the targets of a page of audit rows with one query per kind of record. */
export async function resolveAuditTargets(db: Db, rows: { targetType: string | null; targetId: string | null }[]): Promise<(AuditTarget | null)[]> {
  const idsByType = new Map<string, Set<number>>();
  for (const row of rows) {
    if (!row.targetType || !LOADERS[row.targetType] || !row.targetId || !/^\d{1,15}$/.test(row.targetId)) continue;
    const ids = idsByType.get(row.targetType) ?? new Set<number>();
    ids.add(Number(row.targetId));
    idsByType.set(row.targetType, ids);
  }
  const found = new Map<string, Map<number, Named>>();
  await Promise.all([...idsByType].map(async ([type, ids]) => found.set(type, await LOADERS[type]!(db, [...ids]))));
  return rows.map((row) => {
    if (!row.targetType) return null;
    const named = row.targetId ? found.get(row.targetType)?.get(Number(row.targetId)) : undefined;
    return { type: row.targetType, id: row.targetId, name: named?.name ?? null, code: named?.code ?? null };
  });
}
