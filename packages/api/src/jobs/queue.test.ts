import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../test/harness.ts";
import { backoffSeconds, claimJobs, enqueueJob, recoverStaleJobs } from "../job-queue/queue.ts";
import { runDueJobs } from "./worker.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("job outbox", () => {
  it("never hands the same job to two workers", async () => {
    for (let i = 0; i < 40; i++) await enqueueJob(h.db, { type: "test.noop", payload: { i } });
    const [a, b, c] = await Promise.all([claimJobs(h.db, "w1", 15), claimJobs(h.db, "w2", 15), claimJobs(h.db, "w3", 15)]);
    const ids = [...a, ...b, ...c].map((j) => j.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    await h.db.job.deleteMany({});
  });

  it("retries with backoff, then keeps the job as DEAD with its last error, and replays it", async () => {
    const { id } = await enqueueJob(h.db, { type: "test.fails", maxAttempts: 2 });
    const handlers = { "test.fails": () => Promise.reject(new Error("CRM timed out")) };
    await runDueJobs(h.db, "w1", { handlers });
    let job = await h.db.job.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: "PENDING", attempts: 1, lastError: "Error: CRM timed out" });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 1000);
    await h.db.job.update({ where: { id }, data: { runAt: new Date() } });
    await runDueJobs(h.db, "w1", { handlers });
    job = await h.db.job.findUniqueOrThrow({ where: { id } });
    expect(job.status).toBe("DEAD");

    const admin = h.callerFor(h.users.ADMIN);
    expect((await admin.job.list({ status: "DEAD" })).items.map((j) => j.id)).toContain(id);
    await admin.job.replay({ id });
    expect(await outcome(() => admin.job.replay({ id }))).toMatchObject({ appCode: "JOB_NOT_DEAD" });
    await runDueJobs(h.db, "w1", { handlers: { "test.fails": () => Promise.resolve() } });
    expect((await h.db.job.findUniqueOrThrow({ where: { id } })).status).toBe("SUCCEEDED");
  });

  it("requeues a job whose worker died mid-run", async () => {
    const { id } = await enqueueJob(h.db, { type: "test.noop" });
    await claimJobs(h.db, "dying-worker", 1);
    await h.db.job.update({ where: { id }, data: { lockedAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await recoverStaleJobs(h.db)).toBe(1);
    expect((await h.db.job.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });

  it("enqueues a deduplicated job once", async () => {
    const a = await enqueueJob(h.db, { type: "maintenance.daily", dedupeKey: "maintenance.daily:2026-01-01" });
    const b = await enqueueJob(h.db, { type: "maintenance.daily", dedupeKey: "maintenance.daily:2026-01-01" });
    expect(a.id).toBe(b.id);
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 20].map(backoffSeconds)).toEqual([2, 4, 8, 3600]);
  });
});
