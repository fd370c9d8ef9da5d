/** Bulk actions: a small selection at once, every customer matching a filter (beyond one page) as a job with progress. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BULK_INLINE_MAX } from "../../contracts/limits.ts";
import { runDueJobs } from "../../jobs/worker.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeTeam } from "../conversation/test-fixtures.ts";
import { BULK_BATCH_SIZE } from "./bulk-update-customers.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("bulk actions", () => {
  it("tags every customer matching a filter, more than one page and one batch, as a job with progress and events", async () => {
    const complaint = await h.db.tag.create({ data: { name: "投诉" } });
    const total = BULK_INLINE_MAX + BULK_BATCH_SIZE + 7;
    await h.db.customer.createMany({ data: Array.from({ length: total }, (_, i) => ({ name: `批量客户${i}`, level: "VIP" as const })) });
    await h.db.customer.create({ data: { name: "批量客户-普通" } });
    // one already carries the tag: not matched, no event
    const tagged = await h.db.customer.findFirstOrThrow({ where: { name: "批量客户0" } });
    await h.db.customerTag.create({ data: { customerId: tagged.id, tagId: complaint.id } });

    const admin = h.callerFor(h.users.ADMIN);
    // the filter is on the tag being added: customers stop matching as they change, and none may be skipped
    const filter = {
      conditions: [
        { kind: "level" as const, levels: ["VIP" as const] },
        { kind: "tags" as const, op: "none" as const, tagIds: [complaint.id] },
      ],
    };
    const matching = total - 1;
    const started = await admin.customer.bulkUpdate({ audience: { kind: "filter", filter }, action: { kind: "addTags", tagIds: [complaint.id] } });
    expect(started).toMatchObject({ mode: "job", total: matching });
    if (started.mode !== "job") throw new Error("expected a job");
    const queued = await admin.customer.getBulkJob({ id: started.jobId });
    expect(queued).toMatchObject({ status: "PENDING", progressDone: 0, progressTotal: matching });
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).customer.getBulkJob({ id: started.jobId }))).toMatchObject({ code: "NOT_FOUND" });

    while ((await runDueJobs(h.db, "test-worker")) > 0);
    const done = await admin.customer.getBulkJob({ id: started.jobId });
    expect(done).toMatchObject({
      status: "SUCCEEDED",
      progressDone: matching,
      progressTotal: matching,
      result: { kind: "bulk", action: "addTags", matched: matching, changed: matching },
    });

    expect(await h.db.customerTag.count({ where: { tagId: complaint.id } })).toBe(total);
    const events = await h.db.customerEvent.findMany({ where: { type: "tags_added" } });
    expect(events).toHaveLength(matching);
    expect(events.every((e) => e.actorId === h.users.ADMIN.id)).toBe(true);
    expect(events[0]!.detail).toEqual({ tagIds: [complaint.id], before: { tagIds: [] }, after: { tagIds: [complaint.id] } });
    expect(await h.db.customerEvent.count({ where: { customerId: tagged.id } })).toBe(0);

    // now nobody matches; adding the tag to all VIPs changes nobody and writes no event
    expect(await admin.customer.count({ audience: { kind: "filter", filter } })).toEqual({ count: 0 });
    const again = await admin.customer.bulkUpdate({
      audience: { kind: "filter", filter: { conditions: [filter.conditions[0]!] } },
      action: { kind: "addTags", tagIds: [complaint.id] },
    });
    if (again.mode !== "job") throw new Error("expected a job");
    while ((await runDueJobs(h.db, "test-worker")) > 0);
    expect((await admin.customer.getBulkJob({ id: again.jobId })).result).toMatchObject({ matched: total, changed: 0 });
    expect(await h.db.customerEvent.count({ where: { type: "tags_added" } })).toBe(matching);
  });

  it("runs a small selection at once: level, owner team and tag removal, with before and after", async () => {
    const team = await makeTeam(h.db);
    const tag = await h.db.tag.create({ data: { name: "待回访" } });
    const a = await h.db.customer.create({ data: { name: "小批甲", tags: { create: { tagId: tag.id } } } });
    const b = await h.db.customer.create({ data: { name: "小批乙", level: "SVIP", ownerTeamId: team.id } });
    const admin = h.callerFor(h.users.SUPERVISOR);
    const audience = { kind: "ids" as const, ids: [a.id, b.id] };

    expect(await admin.customer.bulkUpdate({ audience, action: { kind: "setLevel", level: "SVIP" } })).toEqual({
      mode: "done",
      result: { kind: "bulk", action: "setLevel", matched: 2, changed: 1 },
    });
    expect((await h.db.customer.findUniqueOrThrow({ where: { id: a.id } })).level).toBe("SVIP");
    expect((await h.db.customerEvent.findFirstOrThrow({ where: { customerId: a.id, type: "level_changed" } })).detail).toEqual({
      before: { level: "NORMAL" },
      after: { level: "SVIP" },
    });

    expect(await admin.customer.bulkUpdate({ audience, action: { kind: "setOwnerTeam", teamId: team.id } })).toMatchObject({ result: { changed: 1 } });
    expect(await admin.customer.bulkUpdate({ audience, action: { kind: "setOwnerTeam", teamId: null } })).toMatchObject({ result: { changed: 2 } });
    expect((await h.db.customerEvent.findFirstOrThrow({ where: { customerId: b.id, type: "owner_changed" } })).detail).toEqual({
      before: { ownerTeamId: team.id },
      after: { ownerTeamId: null },
    });
    expect(await admin.customer.bulkUpdate({ audience, action: { kind: "removeTags", tagIds: [tag.id] } })).toMatchObject({ result: { changed: 1 } });
    expect(await h.db.customerTag.count({ where: { tagId: tag.id } })).toBe(0);
  });

  it("is for managers only, and refuses unknown tags or teams without changing anything", async () => {
    const c = await h.db.customer.create({ data: { name: "不动的客户" } });
    const eventsBefore = await h.db.customerEvent.count();
    const audience = { kind: "ids" as const, ids: [c.id] };
    expect(await outcome(() => h.callerFor(h.users.AGENT).customer.bulkUpdate({ audience, action: { kind: "setLevel", level: "VIP" } }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const admin = h.callerFor(h.users.ADMIN);
    expect(await outcome(() => admin.customer.bulkUpdate({ audience, action: { kind: "addTags", tagIds: [999_999] } }))).toMatchObject({
      code: "NOT_FOUND",
      field: "action.tagIds",
    });
    expect(await outcome(() => admin.customer.bulkUpdate({ audience, action: { kind: "setOwnerTeam", teamId: 999_999 } }))).toMatchObject({
      code: "NOT_FOUND",
      field: "action.teamId",
    });
    expect(await outcome(() => admin.customer.bulkUpdate({ audience, action: { kind: "setLevel", level: "GOLD" as never } }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "action.level",
    });
    expect(await outcome(() => admin.customer.bulkUpdate({ audience: { kind: "ids", ids: [] }, action: { kind: "setLevel", level: "VIP" } }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "audience.ids",
    });
    expect(await h.db.customerEvent.count()).toBe(eventsBefore);
    expect((await h.db.customer.findUniqueOrThrow({ where: { id: c.id } })).level).toBe("NORMAL");
  });
});
