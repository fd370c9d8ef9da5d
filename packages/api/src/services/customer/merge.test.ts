import { protectPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeConversation, makeTeam } from "../conversation/test-fixtures.ts";
import { visibleCustomersWhere } from "./access.ts";
import { listDuplicateGroups, mergeCustomers, undoCustomerMerge } from "./index.ts";

let h: Harness;
const keys = fieldKeysFromEnv();
let fieldA: number;
let fieldB: number;

beforeAll(async () => {
  h = await createHarness();
  fieldA = (await h.db.customField.create({ data: { key: "company", label: "公司", type: "TEXT" } })).id;
  fieldB = (await h.db.customField.create({ data: { key: "budget", label: "预算", type: "NUMBER" } })).id;
});
afterAll(async () => {
  await h.database.drop();
});

const DAY = 24 * 3_600_000;
let seq = 0;

/** A customer with something in every table a merge moves. */
async function richCustomer(name: string, options: { phone?: string; externalId?: string; city?: string; seen: [number, number]; unionId?: string }) {
  seq++;
  const team = await makeTeam(h.db);
  const now = Date.now();
  const customer = await h.db.customer.create({
    data: {
      name,
      ...(options.phone ? protectPhone(keys, options.phone) : {}),
      email: `${name}@example.com`,
      externalId: options.externalId ?? null,
      city: options.city ?? null,
      ownerTeamId: team.id,
      firstSeenAt: new Date(now - options.seen[0] * DAY),
      lastSeenAt: new Date(now - options.seen[1] * DAY),
    },
  });
  const conversations = [
    await makeConversation(h.db, { status: "RESOLVED", customerId: customer.id }),
    await makeConversation(h.db, { status: "BOT", customerId: customer.id }),
  ];
  await h.db.customer.update({ where: { id: customer.id }, data: { conversationCount: conversations.length } });
  await h.db.customerIdentity.create({
    data: { customerId: customer.id, channel: "WECHAT", externalUserId: `openid-${seq}`, unionId: options.unionId ?? null },
  });
  const tag = await h.db.tag.upsert({ where: { name: `标签${seq}` }, create: { name: `标签${seq}` }, update: {} });
  const shared = await h.db.tag.upsert({ where: { name: "共同标签" }, create: { name: "共同标签" }, update: {} });
  await h.db.customerTag.createMany({
    data: [
      { customerId: customer.id, tagId: tag.id },
      { customerId: customer.id, tagId: shared.id },
    ],
  });
  await h.db.customerNote.create({ data: { customerId: customer.id, authorId: h.users.AGENT.id, body: `${name} 的备注` } });
  await h.db.customerEvent.create({ data: { customerId: customer.id, type: "note_added", actorId: h.users.AGENT.id, detail: {} } });
  return customer;
}

/** Everything that belongs to a customer, as an undo must put it back. */
async function state(id: number) {
  const customer = await h.db.customer.findUniqueOrThrow({
    where: { id },
    include: {
      conversations: { select: { id: true }, orderBy: { id: "asc" } },
      identities: { orderBy: { id: "asc" } },
      tags: { orderBy: { tagId: "asc" } },
      customerNotes: { orderBy: { id: "asc" } },
      fieldValues: { orderBy: { fieldId: "asc" } },
      events: { where: { type: { notIn: ["merged", "merge_undone"] } }, orderBy: { id: "asc" } },
    },
  });
  const { updatedAt: _updatedAt, ...rest } = customer;
  return { ...rest, fieldValues: customer.fieldValues.map(({ updatedAt: _u, ...value }) => value) };
}

describe("merging customers", () => {
  it("moves everything to the survivor with the chosen values, hides the merged one, and the undo restores both exactly", async () => {
    const survivor = await richCustomer("甲", { phone: "13800000001", city: "上海", seen: [10, 5] });
    const merged = await richCustomer("乙", { phone: "13800000002", externalId: "CRM-2", seen: [30, 1] });
    await h.db.customerFieldValue.createMany({
      data: [
        { customerId: survivor.id, fieldId: fieldA, textValue: "甲公司" },
        { customerId: merged.id, fieldId: fieldA, textValue: "乙公司" },
        { customerId: merged.id, fieldId: fieldB, numberValue: 5000 },
      ],
    });
    const before = { survivor: await state(survivor.id), merged: await state(merged.id) };

    const result = await mergeCustomers(h.db, h.users.SUPERVISOR, {
      survivorId: survivor.id,
      mergedId: merged.id,
      choices: { name: "merged", phone: "merged" },
      customFieldChoices: [{ fieldId: fieldA, side: "merged" }],
    });

    const after = await state(survivor.id);
    expect(after).toMatchObject({
      name: "乙",
      phoneHash: before.merged.phoneHash,
      email: "甲@example.com",
      city: "上海",
      // the survivor had no external id: the merged one's comes over
      externalId: "CRM-2",
      ownerTeamId: before.survivor.ownerTeamId,
      conversationCount: 4,
      firstSeenAt: before.merged.firstSeenAt,
      lastSeenAt: before.merged.lastSeenAt,
    });
    expect(after.conversations).toHaveLength(4);
    expect(after.identities).toHaveLength(2);
    expect(after.customerNotes).toHaveLength(2);
    expect(after.events).toHaveLength(2);
    expect(after.tags).toHaveLength(3);
    expect(after.fieldValues).toEqual([
      expect.objectContaining({ fieldId: fieldA, textValue: "乙公司" }),
      expect.objectContaining({ fieldId: fieldB, numberValue: 5000 }),
    ]);
    const gone = await state(merged.id);
    expect(gone).toMatchObject({
      mergedIntoId: survivor.id,
      externalId: null,
      conversations: [],
      identities: [],
      tags: [],
      customerNotes: [],
      fieldValues: [],
      events: [],
    });
    const timeline = await h.db.customerEvent.findMany({ where: { type: "merged" }, orderBy: { id: "asc" } });
    expect(timeline.map((e) => [e.customerId, (e.detail as { mergeId: number }).mergeId])).toEqual([
      [survivor.id, result.id],
      [merged.id, result.id],
    ]);
    // the merged customer is hidden from every list
    const visible = await h.db.customer.findMany({
      where: { AND: [await visibleCustomersWhere(h.db, h.users.ADMIN), { id: { in: [survivor.id, merged.id] } }] },
    });
    expect(visible.map((c) => c.id)).toEqual([survivor.id]);

    await undoCustomerMerge(h.db, h.users.SUPERVISOR, { id: result.id });
    expect(await state(survivor.id)).toEqual(before.survivor);
    expect(await state(merged.id)).toEqual(before.merged);
    expect(await h.db.customerEvent.count({ where: { type: "merge_undone", customerId: { in: [survivor.id, merged.id] } } })).toBe(2);
    expect((await outcome(() => h.callerFor(h.users.ADMIN).customer.undoMerge({ id: result.id }))).appCode).toBe("ALREADY_DONE");
  });

  it("keeps conversations that arrived after the merge with the survivor on undo", async () => {
    const survivor = await richCustomer("丙", { seen: [3, 2] });
    const merged = await richCustomer("丁", { seen: [4, 3] });
    const { id } = await mergeCustomers(h.db, h.users.ADMIN, { survivorId: survivor.id, mergedId: merged.id });
    const later = await makeConversation(h.db, { status: "BOT", customerId: survivor.id });
    await h.db.customer.update({ where: { id: survivor.id }, data: { conversationCount: { increment: 1 }, lastSeenAt: new Date() } });
    await undoCustomerMerge(h.db, h.users.ADMIN, { id });
    const s = await state(survivor.id);
    expect(s.conversations.map((c) => c.id)).toContain(later.id);
    expect(s.conversationCount).toBe(3);
    expect((await state(merged.id)).conversationCount).toBe(2);
  });

  it("refuses the undo after 30 days, and a merge into itself", async () => {
    const survivor = await richCustomer("戊", { seen: [3, 2] });
    const merged = await richCustomer("己", { seen: [4, 3] });
    const { id } = await mergeCustomers(h.db, h.users.ADMIN, { survivorId: survivor.id, mergedId: merged.id });
    await h.db.customerMerge.update({ where: { id }, data: { createdAt: new Date(Date.now() - 31 * DAY) } });
    const late = await outcome(() => h.callerFor(h.users.ADMIN).customer.undoMerge({ id }));
    expect(late).toMatchObject({ code: "PRECONDITION_FAILED", appCode: "MERGE_UNDO_EXPIRED", field: "id" });
    expect((await h.db.customer.findUniqueOrThrow({ where: { id: merged.id } })).mergedIntoId).toBe(survivor.id);

    const self = await outcome(() => h.callerFor(h.users.ADMIN).customer.merge({ survivorId: survivor.id, mergedId: survivor.id }));
    expect(self).toMatchObject({ code: "BAD_REQUEST", appCode: "MERGE_SAME_CUSTOMER", field: "mergedId" });
    // a merged-away customer cannot take part in another merge
    const again = await outcome(() => h.callerFor(h.users.ADMIN).customer.merge({ survivorId: survivor.id, mergedId: merged.id }));
    expect(again).toMatchObject({ code: "NOT_FOUND", field: "mergedId" });
    expect((await outcome(() => h.callerFor(h.users.AGENT).customer.merge({ survivorId: survivor.id, mergedId: merged.id }))).code).toBe("FORBIDDEN");
  });

  it("suggests duplicates by phone and by unionid, and forgets a dismissed one until it changes", async () => {
    const a = await richCustomer("同号甲", { phone: "13911112222", seen: [2, 1] });
    const b = await richCustomer("同号乙", { phone: "13911112222", seen: [2, 1] });
    const c = await richCustomer("微信甲", { unionId: "union-xyz", seen: [2, 1] });
    const d = await richCustomer("微信乙", { unionId: "union-xyz", seen: [2, 1] });
    const groups = await listDuplicateGroups(h.db, h.users.ADMIN, {});
    const phone = groups.find((g) => g.reason === "PHONE" && g.memberIds.includes(a.id));
    expect(phone?.customers.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(phone?.shared).toBe("139****2222");
    expect(groups.find((g) => g.reason === "UNION_ID" && g.shared === "union-xyz")?.memberIds).toEqual([c.id, d.id]);

    await h.callerFor(h.users.SUPERVISOR).customer.dismissDuplicate({ reason: "PHONE", customerIds: [b.id, a.id] });
    const afterDismiss = await listDuplicateGroups(h.db, h.users.ADMIN, {});
    expect(afterDismiss.some((g) => g.reason === "PHONE" && g.memberIds.includes(a.id))).toBe(false);
    const e = await richCustomer("同号丙", { phone: "13911112222", seen: [2, 1] });
    const changed = await listDuplicateGroups(h.db, h.users.ADMIN, {});
    expect(changed.find((g) => g.reason === "PHONE" && g.memberIds.includes(a.id))?.memberIds).toEqual([a.id, b.id, e.id]);
  });
});
