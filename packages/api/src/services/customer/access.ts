/**
 * Who may see which customer. Managers and QA see every customer; an agent sees the customers they serve: those with
 * a conversation assigned to them or in one of their teams. Merged-away customers are hidden from everyone (their row
 * stays only for the merge's undo).
 */
import type { Db, Prisma } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { can } from "../../permissions.ts";
import { teamIdsOf, type Actor } from "../conversation/index.ts";

export async function visibleCustomersWhere(db: Db, actor: Actor): Promise<Prisma.CustomerWhereInput> {
  if (can(actor.role, "customer.manage") || actor.role === "QA") return { mergedIntoId: null };
  const teamIds = await teamIdsOf(db, actor.id);
  return {
    mergedIntoId: null,
    conversations: { some: { OR: [{ assigneeId: actor.id }, ...(teamIds.length ? [{ teamId: { in: teamIds } }] : [])] } },
  };
}

/** NOT_FOUND when the customer does not exist (or was merged away), FORBIDDEN when the actor does not serve them. */
export async function assertCanViewCustomer(db: Db, actor: Actor, customerId: number): Promise<void> {
  const exists = await db.customer.findFirst({ where: { id: customerId, mergedIntoId: null }, select: { id: true } });
  if (!exists) throw new AppError("NOT_FOUND", { field: "customerId" });
  const visible = await db.customer.findFirst({ where: { AND: [{ id: customerId }, await visibleCustomersWhere(db, actor)] }, select: { id: true } });
  if (!visible) throw new AppError("FORBIDDEN", { field: "customerId" });
}
