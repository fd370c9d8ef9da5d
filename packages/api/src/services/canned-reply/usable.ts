/**
 * The 快捷回复 an agent may insert from the composer ("/"): their own, their teams' and the shared ones, in that
 * order, each set in its own order. The composer searches and fills them in the browser (contracts/canned-reply.ts).
 */
import type { Db } from "@kefu/db/client";
import type { Actor } from "../conversation/index.ts";

const MAX_REPLIES = 300;

export async function listUsableCannedReplies(db: Db, actor: Actor) {
  const teamIds = (await db.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true } })).map((m) => m.teamId);
  const rows = await db.cannedReply.findMany({
    where: { OR: [{ ownerId: actor.id }, { ownerId: null, teamId: null }, ...(teamIds.length ? [{ ownerId: null, teamId: { in: teamIds } }] : [])] },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    take: MAX_REPLIES,
    select: { id: true, title: true, shortcut: true, category: true, body: true, teamId: true, ownerId: true, team: { select: { name: true } } },
  });
  const rank = (r: { ownerId: number | null; teamId: number | null }) => (r.ownerId !== null ? 0 : r.teamId !== null ? 1 : 2);
  return rows
    .map((r, index) => ({ r, index }))
    .sort((a, b) => rank(a.r) - rank(b.r) || (a.r.teamId ?? 0) - (b.r.teamId ?? 0) || a.index - b.index)
    .map(({ r: { team, ...reply } }) => ({ ...reply, teamName: team?.name ?? null }));
}
