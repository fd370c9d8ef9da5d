/** Tags on a customer (客户标签): agents tag the customers they serve, managers any customer. */
import type { Db } from "@kefu/db/client";
import { customerTagInput } from "../../contracts/customer-profile.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";
import { recordCustomerEvent } from "./customer-events.ts";

const TAG_SELECT = { id: true, name: true, color: true } as const;

export async function addCustomerTag(db: Db, actor: Actor, input: { id: number; name: string }) {
  const { id, name } = parseInput(customerTagInput, input);
  await assertCanViewCustomer(db, actor, id);
  return runUnitOfWork(db, async ({ tx }) => {
    const tag = await tx.tag.upsert({ where: { name }, create: { name }, update: {}, select: TAG_SELECT });
    const existing = await tx.customerTag.findUnique({ where: { customerId_tagId: { customerId: id, tagId: tag.id } } });
    if (existing) return { id, tag, added: false };
    await tx.customerTag.create({ data: { customerId: id, tagId: tag.id } });
    await recordCustomerEvent(tx, { customerId: id, type: "tag_added", actorId: actor.id, detail: { tag: tag.name } });
    return { id, tag, added: true };
  });
}

export async function removeCustomerTag(db: Db, actor: Actor, input: { id: number; name: string }) {
  const { id, name } = parseInput(customerTagInput, input);
  await assertCanViewCustomer(db, actor, id);
  return runUnitOfWork(db, async ({ tx }) => {
    const tag = await tx.tag.findUnique({ where: { name }, select: TAG_SELECT });
    if (!tag) throw new AppError("NOT_FOUND", { field: "name" });
    const removed = await tx.customerTag.deleteMany({ where: { customerId: id, tagId: tag.id } });
    if (removed.count) await recordCustomerEvent(tx, { customerId: id, type: "tag_removed", actorId: actor.id, detail: { tag: tag.name } });
    return { id, tag, removed: removed.count > 0 };
  });
}

/** Tag names for the picker, most used first. */
export async function listTagSuggestions(db: Db) {
  return db.tag.findMany({ orderBy: [{ customers: { _count: "desc" } }, { name: "asc" }], take: 50, select: TAG_SELECT });
}
