import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runDueJobs } from "../jobs/worker.ts";
import { createHarness, type Harness } from "../test/harness.ts";
import type { DomainEvent, PresenceChanged } from "./catalogue.ts";
import { outboxJobType, subscribe } from "./registry.ts";
import { runUnitOfWork } from "./unit-of-work.ts";

let h: Harness;
const unsubscribe: (() => void)[] = [];
beforeAll(async () => {
  h = await createHarness();
});
afterEach(async () => {
  while (unsubscribe.length) unsubscribe.pop()!();
  await h.db.job.deleteMany({ where: { type: { startsWith: "event." } } });
});
afterAll(async () => {
  await h.database.drop();
});

function presenceChanged(userId: number, at = new Date()): PresenceChanged {
  return { type: "presence.changed", userId, presence: "AWAY", at: at.toISOString() };
}

/** An after-commit subscriber that keeps what it hears and whether the change was visible to others then. */
function recordingSubscriber(name: string) {
  const heard: { events: DomainEvent[]; committedRows: number }[] = [];
  unsubscribe.push(
    subscribe({
      name,
      delivery: "after-commit",
      events: ["presence.changed"],
      handle: async (events, { db }) => {
        heard.push({ events: [...events], committedRows: await db.presenceInterval.count({ where: { userId: h.users.AGENT.id } }) });
      },
    }),
  );
  return heard;
}

describe("unit of work", () => {
  it("hands each event to an after-commit subscriber exactly once, after the change is visible to other connections", async () => {
    const heard = recordingSubscriber("test.after-commit");
    const before = await h.db.presenceInterval.count({ where: { userId: h.users.AGENT.id } });
    const first = presenceChanged(h.users.AGENT.id);
    const second = presenceChanged(h.users.AGENT.id, new Date(Date.now() + 1000));

    await runUnitOfWork(h.db, async (uow) => {
      await uow.tx.presenceInterval.create({ data: { userId: h.users.AGENT.id, presence: "AWAY", startedAt: new Date() } });
      uow.record(first);
      uow.record(second);
      expect(heard).toHaveLength(0);
    });

    expect(heard).toEqual([{ events: [first, second], committedRows: before + 1 }]);
  });

  it("hands nothing to anyone when the work throws, and writes nothing", async () => {
    const heard = recordingSubscriber("test.rollback");
    const outboxHeard: DomainEvent[] = [];
    unsubscribe.push(
      subscribe({ name: "test.rollback-outbox", delivery: "outbox", events: ["presence.changed"], handle: (e) => Promise.resolve(void outboxHeard.push(e)) }),
    );
    const before = await h.db.presenceInterval.count();

    await expect(
      runUnitOfWork(h.db, async (uow) => {
        await uow.tx.presenceInterval.create({ data: { userId: h.users.AGENT.id, presence: "AWAY", startedAt: new Date() } });
        uow.record(presenceChanged(h.users.AGENT.id));
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");

    expect(heard).toEqual([]);
    expect(await h.db.presenceInterval.count()).toBe(before);
    expect(await h.db.job.count({ where: { type: outboxJobType("test.rollback-outbox") } })).toBe(0);
  });

  it("a retried attempt (deadlock) hands on only the events of the attempt that committed", async () => {
    const heard = recordingSubscriber("test.retry");
    let attempts = 0;
    await runUnitOfWork(h.db, (uow) => {
      attempts++;
      uow.record(presenceChanged(h.users.AGENT.id, new Date(attempts * 1000)));
      // what a deadlock looks like to the driver adapter: retried by the unit of work
      if (attempts === 1) return Promise.reject(Object.assign(new Error("Deadlock found"), { code: "P2034" }));
      return Promise.resolve();
    });
    expect(attempts).toBe(2);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.events).toEqual([presenceChanged(h.users.AGENT.id, new Date(2000))]);
  });

  it("writes an outbox subscriber's job in the same transaction as the change, and a worker hands it the event", async () => {
    const delivered: DomainEvent[] = [];
    unsubscribe.push(
      subscribe({ name: "test.outbox", delivery: "outbox", events: ["presence.changed"], handle: (event) => Promise.resolve(void delivered.push(event)) }),
    );
    const event = presenceChanged(h.users.AGENT.id);

    let jobsInsideTransaction = -1;
    await runUnitOfWork(h.db, async (uow) => {
      uow.record(event);
      // not yet: the outbox rows are written when the work is done, still inside the transaction
      jobsInsideTransaction = await uow.tx.job.count({ where: { type: outboxJobType("test.outbox") } });
    });
    expect(jobsInsideTransaction).toBe(0);
    const jobs = await h.db.job.findMany({ where: { type: outboxJobType("test.outbox") }, select: { payload: true, status: true } });
    expect(jobs).toEqual([{ payload: event, status: "PENDING" }]);
    expect(delivered).toEqual([]);

    await runDueJobs(h.db, "test-worker");
    expect(delivered).toEqual([event]);
    expect(await h.db.job.count({ where: { type: outboxJobType("test.outbox"), status: "SUCCEEDED" } })).toBe(1);
  });

  it("a failing after-commit subscriber neither undoes the change nor keeps the others from hearing it", async () => {
    unsubscribe.push(
      subscribe({
        name: "test.failing",
        delivery: "after-commit",
        events: ["presence.changed"],
        handle: () => Promise.reject(new Error("realtime down")),
      }),
    );
    const heard = recordingSubscriber("test.after-failing");
    const result = await runUnitOfWork(h.db, (uow) => {
      uow.record(presenceChanged(h.users.AGENT.id));
      return Promise.resolve("done");
    });
    expect(result).toBe("done");
    expect(heard).toHaveLength(1);
  });

  it("refuses a second subscriber under a name already taken", () => {
    unsubscribe.push(subscribe({ name: "test.unique", delivery: "after-commit", events: ["presence.changed"], handle: () => Promise.resolve() }));
    expect(() => subscribe({ name: "test.unique", delivery: "after-commit", events: ["presence.changed"], handle: () => Promise.resolve() })).toThrow(
      /already registered/,
    );
  });
});
