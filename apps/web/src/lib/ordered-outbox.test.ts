import { describe, expect, it, vi } from "vitest";
import { OrderedOutbox, type OutboxState } from "./ordered-outbox";

class Refused extends Error {}

function harness(failures: Record<string, ("network" | "refused")[]> = {}) {
  const delivered: string[] = [];
  const states: [string, OutboxState][] = [];
  const outbox = new OrderedOutbox<{ clientId: string }>({
    deliver: async ({ clientId }) => {
      await Promise.resolve();
      const next = failures[clientId]?.shift();
      if (next === "network") throw new TypeError("Failed to fetch");
      if (next === "refused") throw new Refused("400");
      delivered.push(clientId);
    },
    isTransient: (error) => !(error instanceof Refused),
    onState: (clientId, state) => states.push([clientId, state]),
    baseDelayMs: 100,
    maxDelayMs: 400,
  });
  return { outbox, delivered, states };
}

describe("OrderedOutbox", () => {
  it("delivers one after the other in the order written, even when written at once", async () => {
    const { outbox, delivered } = harness();
    for (const id of ["a", "b", "c"]) outbox.enqueue({ clientId: id });
    await vi.waitFor(() => expect(delivered).toEqual(["a", "b", "c"]));
  });

  it("holds a message that met no network, and all after it, then sends them in order by itself", async () => {
    vi.useFakeTimers();
    try {
      const { outbox, delivered, states } = harness({ b: ["network", "network"] });
      for (const id of ["a", "b", "c"]) outbox.enqueue({ clientId: id });
      await vi.advanceTimersByTimeAsync(0);
      expect(delivered).toEqual(["a"]);
      expect(states).toContainEqual(["c", "waiting"]);
      await vi.advanceTimersByTimeAsync(100); // first retry: the network is still down
      expect(delivered).toEqual(["a"]);
      await vi.advanceTimersByTimeAsync(200); // second retry, after the doubled delay
      expect(delivered).toEqual(["a", "b", "c"]);
      expect(outbox.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("tries at once when resumed (the browser is online again), without waiting for the back-off", async () => {
    vi.useFakeTimers();
    try {
      const { outbox, delivered } = harness({ a: ["network"] });
      outbox.enqueue({ clientId: "a" });
      await vi.advanceTimersByTimeAsync(0);
      outbox.enqueue({ clientId: "b" });
      expect(delivered).toEqual([]);
      outbox.resume();
      await vi.advanceTimersByTimeAsync(0);
      expect(delivered).toEqual(["a", "b"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("marks a refused message failed and goes on with the next; a second enqueue of a queued id is ignored", async () => {
    const { outbox, delivered, states } = harness({ a: ["refused"] });
    outbox.enqueue({ clientId: "a" });
    outbox.enqueue({ clientId: "b" });
    outbox.enqueue({ clientId: "b" });
    await vi.waitFor(() => expect(delivered).toEqual(["b"]));
    expect(states).toContainEqual(["a", "failed"]);
    // the person retries the failed one: it goes again, with the same id
    outbox.enqueue({ clientId: "a" });
    await vi.waitFor(() => expect(delivered).toEqual(["b", "a"]));
  });
});
