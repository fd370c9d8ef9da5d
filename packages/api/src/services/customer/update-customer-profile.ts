/**
 * Managers edit a customer's identity. The phone and 身份证号 are stored encrypted (with a look-up hash and a mask);
 * every change is one CustomerEvent row listing before and after, protected fields as masks only.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { maskIdNumber, maskPhone } from "@kefu/db/crypto";
import { customerProfileUpdateInput, type CustomerProfileUpdateInput } from "../../contracts/customer-profile.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";
import { recordCustomerEvent, type FieldChange } from "./customer-events.ts";
import { idNumberColumns, phoneColumns, phoneMaskOf } from "./protected-fields.ts";

const PLAIN_FIELDS = ["name", "email", "level", "city", "externalId"] as const;

export async function updateCustomerProfile(db: Db, actor: Actor, input: CustomerProfileUpdateInput) {
  const { id, ...changes } = parseInput(customerProfileUpdateInput, input);
  await assertCanViewCustomer(db, actor, id);
  return runUnitOfWork(db, async (uow) => {
    const tx = uow.tx;
    const before = await tx.customer.findUniqueOrThrow({ where: { id } });
    if (before.erasedAt) throw new AppError("CUSTOMER_ERASED", { field: "id" });
    const data: Prisma.CustomerUncheckedUpdateInput = {};
    const diff: FieldChange[] = [];
    for (const key of PLAIN_FIELDS) {
      const value = changes[key];
      if (value === undefined || value === before[key]) continue;
      if (key === "name" && value === null) continue;
      data[key] = value as never;
      diff.push({ field: key, before: before[key], after: value });
    }
    if (changes.externalId && changes.externalId !== before.externalId) {
      const taken = await tx.customer.findFirst({ where: { externalId: changes.externalId, id: { not: id } }, select: { id: true } });
      if (taken) throw new AppError("EXTERNAL_ID_TAKEN", { field: "externalId" });
    }
    if (changes.ownerTeamId !== undefined && changes.ownerTeamId !== before.ownerTeamId) {
      const team = changes.ownerTeamId === null ? null : await tx.team.findUnique({ where: { id: changes.ownerTeamId }, select: { id: true, name: true } });
      if (changes.ownerTeamId !== null && !team) throw new AppError("NOT_FOUND", { field: "ownerTeamId" });
      const previous = before.ownerTeamId ? await tx.team.findUnique({ where: { id: before.ownerTeamId }, select: { name: true } }) : null;
      data.ownerTeamId = changes.ownerTeamId;
      diff.push({ field: "ownerTeam", before: previous?.name ?? null, after: team?.name ?? null });
    }
    if (changes.phone !== undefined) {
      const next = phoneColumns(changes.phone);
      if (next.phoneHash !== before.phoneHash) {
        Object.assign(data, next);
        diff.push({ field: "phone", before: phoneMaskOf(before), after: changes.phone ? maskPhone(changes.phone) : null });
      }
    }
    if (changes.idNumber !== undefined) {
      const nextMask = changes.idNumber ? maskIdNumber(changes.idNumber) : null;
      // the mask alone cannot tell two numbers apart: a number typed again is stored again
      if (changes.idNumber !== null || before.idNumberEnc !== null) {
        Object.assign(data, idNumberColumns(changes.idNumber));
        diff.push({ field: "idNumber", before: before.idNumberMask, after: nextMask });
      }
    }
    if (!diff.length) return { id, changed: [] as string[] };
    await tx.customer.update({ where: { id }, data });
    await recordCustomerEvent(tx, {
      customerId: id,
      type: "profile_updated",
      actorId: actor.id,
      detail: { changes: diff as unknown as Prisma.InputJsonArray },
    });
    uow.record({ type: "customer.updated", customerId: id, mergedId: null, actorId: actor.id });
    return { id, changed: diff.map((d) => d.field) };
  });
}
