/**
 * Whose set a 快捷回复 belongs to and who may manage it: everyone their own personal replies; team leads their
 * team's replies; admins and supervisors every team's and the shared ones. Team members read their team's set.
 */
import type { Db, Prisma } from "@kefu/db/client";
import type { CannedScope } from "../../contracts/canned-reply.ts";
import { AppError } from "../../errors.ts";
import { can } from "../../permissions.ts";
import type { Actor } from "../conversation/index.ts";

export interface ReplyOwnership {
  teamId: number | null;
  ownerId: number | null;
}

function isManager(actor: Actor): boolean {
  return can(actor.role, "conversation.supervise");
}

export function scopeOf(reply: ReplyOwnership): CannedScope {
  if (reply.ownerId !== null) return { kind: "personal" };
  return reply.teamId !== null ? { kind: "team", teamId: reply.teamId } : { kind: "shared" };
}

/** The rows of a set: ownerId and teamId as stored for it. */
export function ownershipOf(actor: Actor, scope: CannedScope): ReplyOwnership {
  if (scope.kind === "personal") return { ownerId: actor.id, teamId: null };
  if (scope.kind === "team") return { ownerId: null, teamId: scope.teamId };
  return { ownerId: null, teamId: null };
}

export function whereOf(ownership: ReplyOwnership): Prisma.CannedReplyWhereInput {
  return { ownerId: ownership.ownerId, teamId: ownership.teamId };
}

async function membership(db: Db, actor: Actor, teamId: number) {
  return db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: actor.id } }, select: { isLead: true } });
}

/** NOT_FOUND for an unknown team, FORBIDDEN when the actor may not read the set. */
export async function assertCanRead(db: Db, actor: Actor, scope: CannedScope): Promise<{ canManage: boolean }> {
  if (scope.kind === "personal") return { canManage: true };
  if (scope.kind === "shared") return { canManage: isManager(actor) };
  const team = await db.team.findUnique({ where: { id: scope.teamId }, select: { id: true } });
  if (!team) throw new AppError("NOT_FOUND", { field: "scope.teamId" });
  if (isManager(actor)) return { canManage: true };
  const member = await membership(db, actor, scope.teamId);
  if (!member) throw new AppError("FORBIDDEN", { field: "scope.teamId" });
  return { canManage: member.isLead };
}

/** FORBIDDEN unless the actor may create, edit, reorder and delete the set's replies. */
export async function assertCanManage(db: Db, actor: Actor, scope: CannedScope): Promise<void> {
  const { canManage } = await assertCanRead(db, actor, scope);
  if (!canManage) throw new AppError("FORBIDDEN", { field: scope.kind === "team" ? "scope.teamId" : "scope" });
}

/** The sets the actor can open on the management screen, and whether they may change each. */
export async function listCannedScopes(db: Db, actor: Actor) {
  const manager = isManager(actor);
  const teams = manager
    ? (await db.team.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true } })).map((t) => ({ ...t, canManage: true }))
    : (
        await db.teamMember.findMany({
          where: { userId: actor.id },
          orderBy: { teamId: "asc" },
          select: { isLead: true, team: { select: { id: true, name: true } } },
        })
      ).map((m) => ({ ...m.team, canManage: m.isLead }));
  return { personal: { canManage: true }, teams, shared: { canManage: manager } };
}
