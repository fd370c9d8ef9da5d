/**
 * The monitor's last snapshot, kept in localStorage by the /monitor page so it can be shown offline (by the monitor
 * page itself and by the offline page). Shape relied on here: `{ savedAt: ISO string, overview: { … } }`.
 */
export const MONITOR_SNAPSHOT_KEY = "kefu.monitor.snapshot";

/** The overview figures the offline page knows how to label, in display order. */
export const SNAPSHOT_FIGURES = ["queued", "active", "bot", "paused", "resolved", "abandoned", "agentsOnline", "longestWaitSeconds"] as const;
export type SnapshotFigure = (typeof SNAPSHOT_FIGURES)[number];

export interface MonitorSnapshotSummary {
  savedAt: Date | null;
  figures: { key: SnapshotFigure; value: number }[];
}

/** Reads the snapshot defensively: anything missing or malformed is left out rather than failing the page. */
export function readMonitorSnapshot(storage: Pick<Storage, "getItem">): MonitorSnapshotSummary | null {
  let parsed: unknown;
  try {
    const raw = storage.getItem(MONITOR_SNAPSHOT_KEY);
    if (!raw) return null;
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object") return null;
  const { savedAt, overview } = parsed as { savedAt?: unknown; overview?: unknown };
  const date = typeof savedAt === "string" ? new Date(savedAt) : null;
  const figures =
    overview && typeof overview === "object"
      ? SNAPSHOT_FIGURES.flatMap((key) => {
          const value = (overview as Record<string, unknown>)[key];
          return typeof value === "number" && Number.isFinite(value) ? [{ key, value }] : [];
        })
      : [];
  return { savedAt: date && !Number.isNaN(date.getTime()) ? date : null, figures };
}

/** Someone signs out: the next person on this device must not see their figures. */
export function forgetMonitorSnapshot() {
  try {
    localStorage.removeItem(MONITOR_SNAPSHOT_KEY);
  } catch {
    // storage unavailable (private mode): nothing was kept
  }
}
