import { describe, expect, it } from "vitest";
import { MONITOR_SNAPSHOT_KEY, readMonitorSnapshot } from "./monitor-snapshot.ts";

const storage = (value: string | null) => ({ getItem: (key: string) => (key === MONITOR_SNAPSHOT_KEY ? value : null) });

describe("readMonitorSnapshot", () => {
  it("reads the time and the known numeric figures in display order", () => {
    const snapshot = readMonitorSnapshot(
      storage(JSON.stringify({ savedAt: "2026-03-02T08:15:00.000Z", overview: { resolved: 120, queued: 7, bot: "x", active: 12, extra: 3, paused: Number.NaN }, teams: [] })),
    );
    expect(snapshot?.savedAt?.toISOString()).toBe("2026-03-02T08:15:00.000Z");
    expect(snapshot?.figures).toEqual([
      { key: "queued", value: 7 },
      { key: "active", value: 12 },
      { key: "resolved", value: 120 },
    ]);
  });

  it("tolerates a missing, malformed or partial snapshot", () => {
    expect(readMonitorSnapshot(storage(null))).toBeNull();
    expect(readMonitorSnapshot(storage("{not json"))).toBeNull();
    expect(readMonitorSnapshot(storage("42"))).toBeNull();
    expect(readMonitorSnapshot(storage(JSON.stringify({ savedAt: "yesterday" })))).toEqual({ savedAt: null, figures: [] });
  });
});
