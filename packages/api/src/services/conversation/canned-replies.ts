/**
 * 快捷回复 for the workspace composer ("/" + shortcut): the shared ones, the actor's teams' ones and the
 * actor's own, personal ones first, then team, then shared.
 */
import type { Db } from "@kefu/db/client";
import { teamIdsOf, type Actor } from "./actor.ts";

const MAX_REPLIES = 200;

export async function listCannedReplies(db: Db, actor: Actor) {
  const teamIds = await teamIdsOf(db, actor.id);
  const rows = await db.cannedReply.findMany({
    where: { OR: [{ ownerId: actor.id }, { ownerId: null, teamId: null }, ...(teamIds.length ? [{ ownerId: null, teamId: { in: teamIds } }] : [])] },
    orderBy: [{ shortcut: "asc" }, { id: "asc" }],
    take: MAX_REPLIES,
    select: { id: true, title: true, shortcut: true, body: true, teamId: true, ownerId: true },
  });
  const rank = (r: { ownerId: number | null; teamId: number | null }) => (r.ownerId !== null ? 0 : r.teamId !== null ? 1 : 2);
  return rows
    .map((r, index) => ({ r, index }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.index - b.index)
    .map(({ r }) => r);
}
