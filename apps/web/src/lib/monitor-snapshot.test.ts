import { describe, expect, it } from "vitest";
import { MONITOR_SNAPSHOT_KEY, readMonitorSnapshot } from "./monitor-snapshot.ts";

const storage = (value: string | null) => ({ getItem: (key: string) => (key === MONITOR_SNAPSHOT_KEY ? value : null) });

describe("readMonitorSnapshot", () => {
  it("reads the time and the known numeric figures in display order", () => {
    const snapshot = readMonitorSnapshot(
      storage(
        JSON.stringify({
          savedAt: "2026-03-02T08:15:00.000Z",
          overview: {
            today: { kpis: { conversations: { QUEUED: 7, ACTIVE: 12, BOT: "x", PAUSED: null }, resolved: 120, extra: 3, agents: { ONLINE: 9, BUSY: 2 } } },
          },
          queue: { items: [] },
        }),
      ),
    );
    expect(snapshot?.savedAt?.toISOString()).toBe("2026-03-02T08:15:00.000Z");
    expect(snapshot?.figures).toEqual([
      { key: "queued", value: 7 },
      { key: "active", value: 12 },
      { key: "resolved", value: 120 },
      { key: "agentsOnline", value: 9 },
    ]);
  });

  it("tolerates a missing, malformed or partial snapshot", () => {
    expect(readMonitorSnapshot(storage(null))).toBeNull();
    expect(readMonitorSnapshot(storage("{not json"))).toBeNull();
    expect(readMonitorSnapshot(storage("42"))).toBeNull();
    expect(readMonitorSnapshot(storage(JSON.stringify({ savedAt: "yesterday" })))).toEqual({ savedAt: null, figures: [] });
    expect(readMonitorSnapshot(storage(JSON.stringify({ savedAt: "2026-03-02T08:15:00.000Z", overview: { queued: 7 } })))?.figures).toEqual([]);
  });
});
