/**
 * Who may see which quality review: reviewers (`qa.review`) every review; an agent their own submitted reviews; a
 * supervisor also those of the agents in their teams; an admin all.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { can } from "../../permissions.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";

/** The reviews shown on the agent's side (我的质检): never drafts. */
export async function feedbackWhere(db: Db, actor: Actor): Promise<Prisma.QaReviewWhereInput> {
  const submitted: Prisma.QaReviewWhereInput = { status: { not: "DRAFT" }, isCalibration: false };
  if (actor.role === "ADMIN") return submitted;
  if (actor.role === "SUPERVISOR") {
    const teams = await db.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true } });
    return { ...submitted, OR: [{ agentId: actor.id }, { agent: { teams: { some: { teamId: { in: teams.map((t) => t.teamId) } } } } }] };
  }
  return { ...submitted, agentId: actor.id };
}

export async function assertCanSeeFeedback(db: Db, actor: Actor, reviewId: number): Promise<void> {
  const visible = await db.qaReview.count({ where: { AND: [{ id: reviewId }, await feedbackWhere(db, actor)] } });
  if (!visible) throw new AppError("NOT_FOUND", { field: "id" });
}

/** reviewers, and whoever may settle disputes of others' reviews */
export const canReview = (actor: Actor) => can(actor.role, "qa.review");
export const canSettleAnyDispute = (actor: Actor) => can(actor.role, "qa.manage");
