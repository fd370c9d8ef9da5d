/**
 * One customer's profile: identity with protected fields masked (138****1234, 3101**********1234), channel
 * identities, tags, owner team, custom field values, conversation count and average CSAT, and what the actor may do.
 */
import type { Db } from "@kefu/db/client";
import { customerIdInput } from "../../contracts/customer-profile.ts";
import { parseInput } from "../../errors.ts";
import { can } from "../../permissions.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";
import { fieldValueOf, optionsOf } from "./parse-custom-field-value.ts";
import { phoneMaskOf } from "./protected-fields.ts";

export async function getCustomerProfile(db: Db, actor: Actor, input: { id: number }) {
  const { id } = parseInput(customerIdInput, input);
  await assertCanViewCustomer(db, actor, id);
  const [customer, csat, conversationCount, fields] = await Promise.all([
    db.customer.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        name: true,
        email: true,
        phoneEnc: true,
        phoneLast4: true,
        idNumberMask: true,
        level: true,
        city: true,
        externalId: true,
        visitorNo: true,
        device: true,
        firstSeenAt: true,
        lastSeenAt: true,
        erasedAt: true,
        ownerTeam: { select: { id: true, name: true } },
        identities: { orderBy: { id: "asc" }, select: { id: true, channel: true, externalUserId: true, unionId: true, createdAt: true } },
        tags: { orderBy: { createdAt: "asc" }, select: { tag: { select: { id: true, name: true, color: true } } } },
        fieldValues: { select: { fieldId: true, textValue: true, numberValue: true, dateValue: true, boolValue: true, optionValues: true } },
      },
    }),
    db.conversation.aggregate({ where: { customerId: id, csatScore: { not: null } }, _avg: { csatScore: true }, _count: { csatScore: true } }),
    db.conversation.count({ where: { customerId: id } }),
    db.customField.findMany({ where: { archivedAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
  ]);
  const { phoneEnc, phoneLast4, tags, fieldValues, ...rest } = customer;
  const valueByField = new Map(fieldValues.map((v) => [v.fieldId, v]));
  return {
    ...rest,
    phoneMask: phoneMaskOf({ phoneEnc, phoneLast4 }),
    tags: tags.map((t) => t.tag),
    conversationCount,
    csatAverage: csat._avg.csatScore === null ? null : Math.round(csat._avg.csatScore * 10) / 10,
    csatCount: csat._count.csatScore,
    fields: fields.map((field) => ({
      id: field.id,
      key: field.key,
      label: field.label,
      type: field.type,
      required: field.required,
      pattern: field.pattern,
      options: optionsOf(field),
      value: fieldValueOf(field, valueByField.get(field.id)),
    })),
    can: {
      manage: can(actor.role, "customer.manage"),
      annotate: can(actor.role, "customer.annotate"),
      reveal: can(actor.role, "customer.reveal"),
      privacy: can(actor.role, "customer.privacy"),
    },
  };
}
export type CustomerProfile = Awaited<ReturnType<typeof getCustomerProfile>>;
