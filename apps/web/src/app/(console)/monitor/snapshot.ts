/**
 * The last monitor snapshot kept on the device (localStorage `kefu.monitor.snapshot`), so a manager who opens the
 * page without a network still sees where things stood, clearly marked with its time. Plain JSON: dates are ISO
 * strings and are turned back into Date objects when read.
 */
import { MONITOR_SNAPSHOT_KEY as SNAPSHOT_KEY } from "~/lib/monitor-snapshot";
import type { AgentsBoard, Overview, QueueSnapshot } from "./live-state";

export interface SavedSnapshot {
  savedAt: string;
  overview: Overview;
  queue: QueueSnapshot;
  agents: AgentsBoard;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function saveSnapshot(snapshot: { overview: Overview; queue: QueueSnapshot; agents: AgentsBoard }, now = new Date()) {
  try {
    const saved: SavedSnapshot = { savedAt: now.toISOString(), ...snapshot };
    window.localStorage.setItem(SNAPSHOT_KEY, JSON.stringify(saved));
  } catch {
    // private mode or a full quota: the live page works without the offline copy
  }
}

export function loadSnapshot(): (Omit<SavedSnapshot, "savedAt"> & { savedAt: Date }) | null {
  try {
    const raw = window.localStorage.getItem(SNAPSHOT_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw, (_key, value: unknown) => (typeof value === "string" && ISO_DATE.test(value) ? new Date(value) : value)) as Partial<
      Omit<SavedSnapshot, "savedAt"> & { savedAt: Date }
    >;
    if (!(parsed.savedAt instanceof Date) || !parsed.overview?.today || !parsed.queue?.items || !parsed.agents?.agents) return null;
    return parsed as Omit<SavedSnapshot, "savedAt"> & { savedAt: Date };
  } catch {
    return null;
  }
}
