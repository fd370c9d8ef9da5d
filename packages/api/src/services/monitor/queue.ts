/**
 * The live queue, in routing order (priority, then time in the queue). Managers read it on their phones in
 * open-plan offices, so customer names are masked; the full name is in the transcript, which is audited reading.
 */
import type { Db } from "@kefu/db/client";
import { assertTeamExists } from "./overview.ts";

/** Names generated for anonymous visitors ("web-1a2b3c4d") identify nobody and stay as they are. */
const GENERATED_NAME = /^(web|wechat|app|api)-[\w-]{1,16}$/i;

/**
 * "张伟" → "张*", "欧阳娜娜" → "欧***", "13800138000" → "138****8000": the first character (or the phone
 * number's ends) only, as Chinese services show names in public.
 */
export function maskCustomerName(name: string): string {
  const trimmed = name.trim();
  if (GENERATED_NAME.test(trimmed)) return trimmed;
  const compact = trimmed.replace(/[\s+-]/g, "");
  if (/^\d{7,}$/.test(compact)) return `${compact.slice(0, 3)}****${compact.slice(-4)}`;
  const characters = Array.from(trimmed);
  if (characters.length === 0) return "";
  return `${characters[0]}${"*".repeat(Math.min(Math.max(characters.length - 1, 1), 3))}`;
}

export async function monitorQueue(db: Db, input: { teamId?: number; limit?: number } = {}, now = new Date()) {
  await assertTeamExists(db, input.teamId);
  const where = { status: "QUEUED" as const, ...(input.teamId === undefined ? {} : { teamId: input.teamId }) };
  const [rows, total] = await Promise.all([
    db.conversation.findMany({
      where,
      orderBy: [{ priority: "desc" }, { queuedAt: "asc" }, { id: "asc" }],
      take: input.limit ?? 50,
      select: {
        id: true,
        priority: true,
        channel: true,
        category: true,
        queuedAt: true,
        createdAt: true,
        team: { select: { id: true, name: true } },
        customer: { select: { name: true, level: true, visitorNo: true } },
      },
    }),
    db.conversation.count({ where }),
  ]);
  return {
    generatedAt: now,
    total,
    items: rows.map(({ customer, ...row }, index) => ({
      ...row,
      position: index + 1,
      waitSeconds: row.queuedAt ? Math.max(0, Math.round((now.getTime() - row.queuedAt.getTime()) / 1000)) : 0,
      customer: { name: maskCustomerName(customer.name), level: customer.level, visitorNo: customer.visitorNo },
    })),
  };
}
