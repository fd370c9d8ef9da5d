/** A customer's data request (export, erasure) and the re-encryption of protected fields with a new key. */
import { decryptField, encryptField, keyIdOf, parseFieldKeys } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeConversation } from "../conversation/test-fixtures.ts";
import { ERASED_MESSAGE_BODY } from "./erase-customer.ts";
import { idNumberColumns, phoneColumns } from "./protected-fields.ts";
import { rotateFieldKeys } from "./rotate-field-keys.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

async function customerWithHistory() {
  const agent = await makeAgent(h.db);
  const customer = await h.db.customer.create({
    data: {
      name: "陈静",
      email: "chen@example.com",
      city: "杭州",
      externalId: `crm-${Date.now()}`,
      ...phoneColumns("13700001111"),
      ...idNumberColumns("330106198807071234"),
    },
    select: { id: true },
  });
  await h.db.customerIdentity.create({ data: { customerId: customer.id, channel: "WEB", externalUserId: `visitor-${customer.id}` } });
  const tag = await h.db.tag.upsert({ where: { name: "投诉过" }, create: { name: "投诉过" }, update: {} });
  await h.db.customerTag.create({ data: { customerId: customer.id, tagId: tag.id } });
  const field = await h.db.customField.upsert({ where: { key: "card" }, create: { key: "card", label: "会员卡号", type: "TEXT" }, update: {} });
  await h.db.customerFieldValue.create({ data: { customerId: customer.id, fieldId: field.id, textValue: "VIP000123" } });
  await h.db.customerNote.create({ data: { customerId: customer.id, authorId: agent.id, body: "住在西湖区" } });
  await h.db.customerEvent.create({
    data: {
      customerId: customer.id,
      type: "profile_updated",
      actorId: agent.id,
      detail: { changes: [{ field: "email", before: "old@example.com", after: "chen@example.com" }] },
    },
  });
  const conversation = await makeConversation(h.db, { status: "RESOLVED", assigneeId: agent.id, customerId: customer.id });
  await h.db.conversation.update({ where: { id: conversation.id }, data: { subject: "我的手机号 13700001111", csatComment: "陈女士很满意" } });
  await h.db.message.createMany({
    data: [
      { conversationId: conversation.id, senderType: "CUSTOMER", body: "我的手机号 13700001111" },
      { conversationId: conversation.id, senderType: "AGENT", senderId: agent.id, body: "好的，已为您处理" },
      { conversationId: conversation.id, senderType: "AGENT", senderId: agent.id, kind: "NOTE", body: "内部备注" },
    ],
  });
  return { customer, conversation, agent };
}

describe("data export", () => {
  it("holds everything about the customer, protected fields decrypted, and is audited", async () => {
    const { customer, conversation } = await customerWithHistory();
    const data = await h.callerFor(h.users.ADMIN).customer.exportData({ id: customer.id });
    expect(data.customer).toMatchObject({
      id: customer.id,
      name: "陈静",
      email: "chen@example.com",
      phone: "13700001111",
      idNumber: "330106198807071234",
      city: "杭州",
    });
    expect(data.customer).not.toHaveProperty("phoneEnc");
    expect(data.identities).toMatchObject([{ channel: "WEB", externalUserId: `visitor-${customer.id}` }]);
    expect(data.tags).toMatchObject([{ name: "投诉过" }]);
    expect(data.fields).toEqual([{ key: "card", label: "会员卡号", value: "VIP000123" }]);
    expect(data.notes).toMatchObject([{ body: "住在西湖区" }]);
    expect(data.events).toMatchObject([{ type: "profile_updated" }]);
    expect(data.conversations).toMatchObject([{ id: conversation.id, csatComment: "陈女士很满意" }]);
    expect(data.conversations[0]!.messages.map((m) => m.body)).toEqual(["我的手机号 13700001111", "好的，已为您处理"]);

    const audit = await h.db.auditLog.findFirst({ where: { action: "customer.exportData", targetId: String(customer.id) } });
    expect(audit).toMatchObject({ actorId: h.users.ADMIN.id, result: "SUCCESS" });
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).customer.exportData({ id: customer.id }))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("erasure", () => {
  it("needs the typed confirmation and changes nothing without it", async () => {
    const { customer } = await customerWithHistory();
    expect(await outcome(() => h.callerFor(h.users.ADMIN).customer.erase({ id: customer.id, confirmation: "删除" }))).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "ERASE_CONFIRMATION_MISMATCH",
      field: "confirmation",
    });
    expect(await h.db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ name: "陈静", erasedAt: null });
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).customer.erase({ id: customer.id, confirmation: `删除 #${customer.id}` }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("clears personal data, keeps de-identified conversations, and is audited", async () => {
    const { customer, conversation } = await customerWithHistory();
    await h.callerFor(h.users.ADMIN).customer.erase({ id: customer.id, confirmation: `删除 #${customer.id}` });

    const row = await h.db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(row).toMatchObject({
      name: `已删除客户 #${customer.id}`,
      email: null,
      phoneEnc: null,
      phoneHash: null,
      phoneLast4: null,
      idNumberEnc: null,
      idNumberMask: null,
      externalId: null,
      city: null,
    });
    expect(row.erasedAt).toBeInstanceOf(Date);
    for (const count of [
      h.db.customerIdentity.count({ where: { customerId: customer.id } }),
      h.db.customerNote.count({ where: { customerId: customer.id } }),
      h.db.customerFieldValue.count({ where: { customerId: customer.id } }),
      h.db.customerTag.count({ where: { customerId: customer.id } }),
    ])
      expect(await count).toBe(0);
    const events = await h.db.customerEvent.findMany({ where: { customerId: customer.id } });
    expect(events.map((e) => e.type)).toEqual(["erased"]);

    const kept = await h.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, include: { messages: { orderBy: { id: "asc" } } } });
    expect(kept).toMatchObject({ subject: null, csatComment: null, status: "RESOLVED" });
    expect(kept.messages.map((m) => [m.senderType, m.body])).toEqual([
      ["CUSTOMER", ERASED_MESSAGE_BODY],
      ["AGENT", "好的，已为您处理"],
      ["AGENT", "内部备注"],
    ]);
    const audit = await h.db.auditLog.findFirst({ where: { action: "customer.erase", targetId: String(customer.id) } });
    expect(audit?.result).toBe("SUCCESS");

    expect(await outcome(() => h.callerFor(h.users.ADMIN).customer.erase({ id: customer.id, confirmation: `删除 #${customer.id}` }))).toMatchObject({
      appCode: "ALREADY_DONE",
    });
    expect(await outcome(() => h.callerFor(h.users.ADMIN).customer.updateProfile({ id: customer.id, name: "复活" }))).toMatchObject({
      appCode: "CUSTOMER_ERASED",
    });
  });
});

describe("key rotation", () => {
  it("re-encrypts every protected field with the first key, in batches, skipping rows already done", async () => {
    const oldKeys = fieldKeysFromEnv();
    const newKeys = parseFieldKeys(
      `new2:${Buffer.alloc(32, 7).toString("base64")},${oldKeys.keys.map(([kid, key]) => `${kid}:${key.toString("base64")}`).join(",")}`,
      "x",
    );
    const { customer, agent } = await customerWithHistory();
    await h.db.user.update({ where: { id: agent.id }, data: { phoneEnc: encryptField(oldKeys, "13600002222") } });
    const before = await h.db.customer.count({ where: { OR: [{ phoneEnc: { not: null } }, { idNumberEnc: { not: null } }] } });
    const system = await h.db.ticketSystem.create({
      data: {
        name: "Zendesk",
        kind: "ZENDESK",
        baseUrl: "https://tickets.example.com",
        tokenEnc: encryptField(oldKeys, "zd-token"),
        callbackSecretEnc: encryptField(oldKeys, "tkcs_secret"),
        createdById: agent.id,
      },
    });

    const progress: string[] = [];
    const totals = await rotateFieldKeys(h.db, newKeys, { batchSize: 2, onProgress: (p) => progress.push(`${p.table}:${p.scanned}`) });
    expect(progress.filter((p) => p.startsWith("Customer:")).length).toBeGreaterThan(1);
    expect(totals.find((t) => t.table === "Customer")!.rotated).toBe(before);

    const [raw] = await h.db.$queryRaw<{ phoneEnc: string; idNumberEnc: string }[]>`SELECT phoneEnc, idNumberEnc FROM Customer WHERE id = ${customer.id}`;
    expect(keyIdOf(raw!.phoneEnc)).toBe("new2");
    expect(keyIdOf(raw!.idNumberEnc)).toBe("new2");
    expect(raw!.phoneEnc).not.toContain("13700001111");
    expect(decryptField(newKeys, raw!.phoneEnc)).toBe("13700001111");
    expect(decryptField(newKeys, raw!.idNumberEnc)).toBe("330106198807071234");
    // the old key alone can no longer read it
    expect(() => decryptField(oldKeys, raw!.phoneEnc)).toThrow();
    const staff = await h.db.user.findUniqueOrThrow({ where: { id: agent.id } });
    expect(decryptField(newKeys, staff.phoneEnc!)).toBe("13600002222");
    const rotatedSystem = await h.db.ticketSystem.findUniqueOrThrow({ where: { id: system.id } });
    expect([keyIdOf(rotatedSystem.tokenEnc), keyIdOf(rotatedSystem.callbackSecretEnc)]).toEqual(["new2", "new2"]);
    expect([decryptField(newKeys, rotatedSystem.tokenEnc), decryptField(newKeys, rotatedSystem.callbackSecretEnc)]).toEqual(["zd-token", "tkcs_secret"]);

    // a second run finds nothing to do and changes nothing
    const again = await rotateFieldKeys(h.db, newKeys, { batchSize: 2 });
    expect(again.every((t) => t.rotated === 0)).toBe(true);
    const [same] = await h.db.$queryRaw<{ phoneEnc: string }[]>`SELECT phoneEnc FROM Customer WHERE id = ${customer.id}`;
    expect(same!.phoneEnc).toBe(raw!.phoneEnc);
  });
});
