/** Inline editing of one custom field on the profile: checked by parseCustomFieldValue, recorded as a CustomerEvent. */
import { Prisma, type Db } from "@kefu/db/client";
import { customFieldValueSetInput, type CustomFieldValueSetInput } from "../../contracts/custom-field.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";
import { recordCustomerEvent } from "./customer-events.ts";
import { fieldValueOf, parseCustomFieldValue } from "./parse-custom-field-value.ts";

export async function setCustomerFieldValue(db: Db, actor: Actor, input: CustomFieldValueSetInput) {
  const { customerId, fieldId, value } = parseInput(customFieldValueSetInput, input);
  await assertCanViewCustomer(db, actor, customerId);
  const field = await db.customField.findFirst({ where: { id: fieldId, archivedAt: null } });
  if (!field) throw new AppError("NOT_FOUND", { field: "fieldId" });
  const columns = parseCustomFieldValue(field, value);
  return runUnitOfWork(db, async ({ tx }) => {
    const where = { customerId_fieldId: { customerId, fieldId } };
    const before = fieldValueOf(field, (await tx.customerFieldValue.findUnique({ where })) ?? undefined);
    if (columns) {
      const data = { ...columns, optionValues: columns.optionValues ?? Prisma.DbNull };
      await tx.customerFieldValue.upsert({ where, create: { customerId, fieldId, ...data }, update: data });
    } else {
      await tx.customerFieldValue.deleteMany({ where: { customerId, fieldId } });
    }
    const after = columns ? fieldValueOf(field, columns) : null;
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordCustomerEvent(tx, {
        customerId,
        type: "field_updated",
        actorId: actor.id,
        detail: { changes: [{ field: field.key, label: field.label, before, after }] },
      });
    }
    return { id: customerId, fieldId, value: after };
  });
}
