/** 分组: private unless shared, sharing by managers only, live counts that equal the SQL they stand for. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeTeam } from "../conversation/test-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("segments", () => {
  it("counts what the SQL says: high value, frequent askers, complainers", async () => {
    const complaint = await h.db.tag.create({ data: { name: "投诉" } });
    const levels = ["NORMAL", "VIP", "SVIP"] as const;
    for (let i = 0; i < 30; i++) {
      await h.db.customer.create({
        data: {
          name: `分组客户${i}`,
          level: levels[i % 3],
          conversationCount: i % 9,
          ...(i % 4 === 0 ? { tags: { create: { tagId: complaint.id } } } : {}),
        },
      });
    }
    const admin = h.callerFor(h.users.ADMIN);
    const highValue = await admin.customer.createSegment({
      name: "高价值",
      shared: true,
      filter: { conditions: [{ kind: "level", levels: ["VIP", "SVIP"] }] },
    });
    const frequent = await admin.customer.createSegment({
      name: "常客",
      shared: true,
      filter: { conditions: [{ kind: "conversationCount", range: { min: 5 } }] },
    });
    const complainers = await admin.customer.createSegment({ name: "投诉者", filter: { conditions: [{ kind: "tags", op: "any", tagIds: [complaint.id] }] } });
    const either = await admin.customer.createSegment({
      name: "VIP 或投诉",
      filter: {
        match: "any",
        conditions: [
          { kind: "level", levels: ["VIP"] },
          { kind: "tags", op: "any", tagIds: [complaint.id] },
        ],
      },
    });

    const sql = async (query: Promise<{ n: bigint }[]>) => Number((await query)[0]!.n);
    const expected = {
      [highValue.id]: await sql(h.db.$queryRaw`SELECT COUNT(*) AS n FROM Customer WHERE mergedIntoId IS NULL AND level IN ('VIP', 'SVIP')`),
      [frequent.id]: await sql(h.db.$queryRaw`SELECT COUNT(*) AS n FROM Customer WHERE mergedIntoId IS NULL AND conversationCount >= 5`),
      [complainers.id]: await sql(
        h.db
          .$queryRaw`SELECT COUNT(*) AS n FROM Customer c WHERE c.mergedIntoId IS NULL AND EXISTS (SELECT 1 FROM CustomerTag t WHERE t.customerId = c.id AND t.tagId = ${complaint.id})`,
      ),
      [either.id]: await sql(
        h.db
          .$queryRaw`SELECT COUNT(*) AS n FROM Customer c WHERE c.mergedIntoId IS NULL AND (c.level = 'VIP' OR EXISTS (SELECT 1 FROM CustomerTag t WHERE t.customerId = c.id AND t.tagId = ${complaint.id}))`,
      ),
    };
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    const listed = await admin.customer.listSegments();
    for (const segment of listed) expect(segment.count, segment.name).toBe(expected[segment.id]);
    // a segment is an audience like a filter
    const page = await admin.customer.list({ audience: { kind: "segment", segmentId: frequent.id }, limit: 100 });
    expect(page.items).toHaveLength(expected[frequent.id]!);
    expect(page.items.every((c) => c.conversationCount >= 5)).toBe(true);
  });

  it("keeps a segment private to its author unless shared, and lets only managers share", async () => {
    const agent = await makeAgent(h.db);
    const colleague = await makeAgent(h.db);
    const filter = { conditions: [{ kind: "level" as const, levels: ["SVIP" as const] }] };
    const mine = await h.callerFor(agent).customer.createSegment({ name: "我的 SVIP", filter });
    expect((await h.callerFor(colleague).customer.listSegments()).map((s) => s.id)).not.toContain(mine.id);
    expect(await outcome(() => h.callerFor(colleague).customer.list({ audience: { kind: "segment", segmentId: mine.id } }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await outcome(() => h.callerFor(colleague).customer.deleteSegment({ id: mine.id }))).toMatchObject({ code: "NOT_FOUND" });

    const before = await h.db.segment.count();
    expect(await outcome(() => h.callerFor(agent).customer.createSegment({ name: "共享", filter, shared: true }))).toMatchObject({
      code: "FORBIDDEN",
      field: "shared",
    });
    expect(await outcome(() => h.callerFor(agent).customer.updateSegment({ id: mine.id, shared: true }))).toMatchObject({ code: "FORBIDDEN", field: "shared" });
    expect(await h.db.segment.count()).toBe(before);

    const shared = await h.callerFor(h.users.SUPERVISOR).customer.createSegment({ name: "全员可见", filter, shared: true });
    const seen = await h.callerFor(agent).customer.listSegments();
    expect(seen.find((s) => s.id === shared.id)).toMatchObject({ shared: true, editable: false });
    expect(seen.find((s) => s.id === mine.id)).toMatchObject({ shared: false, editable: true });
    expect(await outcome(() => h.callerFor(agent).customer.updateSegment({ id: shared.id, name: "改名" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(agent).customer.deleteSegment({ id: shared.id }))).toMatchObject({ code: "FORBIDDEN" });

    await h.callerFor(agent).customer.updateSegment({ id: mine.id, name: "我的超级 VIP" });
    expect((await h.db.segment.findUniqueOrThrow({ where: { id: mine.id } })).name).toBe("我的超级 VIP");
    await h.callerFor(agent).customer.deleteSegment({ id: mine.id });
    expect(await h.db.segment.findUnique({ where: { id: mine.id } })).toBeNull();
  });

  it("counts for an agent only the customers they serve", async () => {
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id] });
    const served = await h.db.customer.create({ data: { name: "被服务的客户", level: "SVIP" } });
    await h.db.conversation.create({ data: { customerId: served.id, channel: "WEB", status: "QUEUED", teamId: team.id } });
    const segment = await h.callerFor(agent).customer.createSegment({ name: "SVIP", filter: { conditions: [{ kind: "level", levels: ["SVIP"] }] } });
    expect((await h.callerFor(agent).customer.listSegments()).find((s) => s.id === segment.id)?.count).toBe(1);
  });

  it("refuses a blank or too long name and an unknown custom field, writing nothing", async () => {
    const before = await h.db.segment.count();
    const admin = h.callerFor(h.users.ADMIN);
    expect(await outcome(() => admin.customer.createSegment({ name: "   ", filter: {} }))).toMatchObject({ code: "BAD_REQUEST", field: "name" });
    expect(await outcome(() => admin.customer.createSegment({ name: "长".repeat(65), filter: {} }))).toMatchObject({ code: "BAD_REQUEST", field: "name" });
    expect(
      await outcome(() => admin.customer.createSegment({ name: "字段", filter: { conditions: [{ kind: "field", fieldId: 999_999, op: "isSet" }] } })),
    ).toMatchObject({
      code: "NOT_FOUND",
      field: "filter.conditions.0.fieldId",
    });
    expect(await h.db.segment.count()).toBe(before);
  });
});
