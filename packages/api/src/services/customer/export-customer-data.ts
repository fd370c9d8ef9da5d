/**
 * A customer's data request under PIPL (个人信息查阅复制): everything held about one customer, protected fields
 * decrypted, as one JSON document the console downloads. The audit middleware records who asked for it.
 */
import type { Db } from "@kefu/db/client";
import { customerIdInput } from "../../contracts/customer-profile.ts";
import { parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";
import { fieldValueOf } from "./parse-custom-field-value.ts";
import { decryptProtected } from "./protected-fields.ts";

export async function exportCustomerData(db: Db, actor: Actor, input: { id: number }) {
  const { id } = parseInput(customerIdInput, input);
  await assertCanViewCustomer(db, actor, id);
  const customer = await db.customer.findUniqueOrThrow({
    where: { id },
    include: {
      ownerTeam: { select: { id: true, name: true } },
      identities: { orderBy: { id: "asc" }, select: { channel: true, externalUserId: true, unionId: true, createdAt: true } },
      tags: { select: { createdAt: true, tag: { select: { name: true } } } },
      fieldValues: { include: { field: { select: { key: true, label: true, type: true } } } },
      customerNotes: {
        orderBy: { id: "asc" },
        select: { id: true, body: true, mentions: true, createdAt: true, editedAt: true, author: { select: { name: true, employeeNo: true } } },
      },
      events: { orderBy: { id: "asc" }, select: { type: true, detail: true, createdAt: true, actor: { select: { name: true } } } },
      conversations: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          channel: true,
          status: true,
          category: true,
          subject: true,
          createdAt: true,
          resolvedAt: true,
          csatScore: true,
          csatComment: true,
          messages: {
            orderBy: { id: "asc" },
            where: { kind: { not: "NOTE" } },
            select: {
              id: true,
              senderType: true,
              kind: true,
              body: true,
              createdAt: true,
              attachment: { select: { fileName: true, mimeType: true, sizeBytes: true } },
            },
          },
        },
      },
    },
  });
  const { phoneEnc, idNumberEnc, phoneHash: _hash, identities, tags, fieldValues, customerNotes, events, conversations, ownerTeam, ...profile } = customer;
  return {
    exportedAt: new Date().toISOString(),
    customer: {
      ...profile,
      phone: decryptProtected(phoneEnc),
      idNumber: decryptProtected(idNumberEnc),
      ownerTeam: ownerTeam?.name ?? null,
    },
    identities,
    tags: tags.map((t) => ({ name: t.tag.name, addedAt: t.createdAt })),
    fields: fieldValues.map((v) => ({ key: v.field.key, label: v.field.label, value: fieldValueOf(v.field, v) })),
    notes: customerNotes,
    events,
    // internal notes between staff are not the customer's conversation and stay out
    conversations,
  };
}
