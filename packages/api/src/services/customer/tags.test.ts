/** The tag picker and creating a tag on the spot. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("tags", () => {
  it("creates a tag once, lists it with its use, and refuses a duplicate or bad name", async () => {
    const agent = h.callerFor(h.users.AGENT);
    const created = await agent.customer.createTag({ name: " 老客户 " });
    expect(created).toMatchObject({ name: "老客户", color: "#64748b" });
    const customer = await h.db.customer.create({ data: { name: "甲", tags: { create: { tagId: created.id } } } });
    expect(customer.id).toBeGreaterThan(0);
    expect(await agent.customer.listTags({ query: "老" })).toEqual([{ id: created.id, name: "老客户", color: "#64748b", customerCount: 1 }]);
    expect(await outcome(() => agent.customer.createTag({ name: "老客户" }))).toMatchObject({ code: "CONFLICT", appCode: "TAG_NAME_TAKEN", field: "name" });
    expect(await outcome(() => agent.customer.createTag({ name: "x".repeat(33) }))).toMatchObject({ code: "BAD_REQUEST", field: "name" });
    expect(await outcome(() => agent.customer.createTag({ name: "红", color: "red" }))).toMatchObject({ code: "BAD_REQUEST", field: "color" });
    expect(await outcome(() => h.callerFor(h.users.QA).customer.createTag({ name: "质检" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await h.db.tag.count()).toBe(1);
  });
});
