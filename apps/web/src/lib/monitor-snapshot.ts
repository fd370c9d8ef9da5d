/**
 * The monitor's last snapshot, kept in localStorage by the /monitor page (app/(console)/monitor/snapshot.ts) so it can
 * be shown offline by the monitor page itself and by the offline page. Shape relied on here: `{ savedAt: ISO string,
 * overview: { today: { kpis } } }`, the `monitor.overview` answer.
 */
export const MONITOR_SNAPSHOT_KEY = "kefu.monitor.snapshot";

/** The overview figures the offline page knows how to label, in display order. */
export const SNAPSHOT_FIGURES = ["queued", "active", "bot", "paused", "resolved", "abandoned", "agentsOnline", "longestWaitSeconds"] as const;
export type SnapshotFigure = (typeof SNAPSHOT_FIGURES)[number];

export interface MonitorSnapshotSummary {
  savedAt: Date | null;
  figures: { key: SnapshotFigure; value: number }[];
}

/** Where each figure sits in the overview's KPIs (services/metrics OperationKpis). */
function figureOf(kpis: Record<string, unknown>, key: SnapshotFigure): unknown {
  const nested = (group: string, name: string) => (kpis[group] && typeof kpis[group] === "object" ? (kpis[group] as Record<string, unknown>)[name] : undefined);
  switch (key) {
    case "queued":
      return nested("conversations", "QUEUED");
    case "active":
      return nested("conversations", "ACTIVE");
    case "bot":
      return nested("conversations", "BOT");
    case "paused":
      return nested("conversations", "PAUSED");
    case "agentsOnline":
      return nested("agents", "ONLINE");
    default:
      return kpis[key];
  }
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
  const kpis = (overview as { today?: { kpis?: Record<string, unknown> } } | undefined)?.today?.kpis;
  const figures =
    kpis && typeof kpis === "object"
      ? SNAPSHOT_FIGURES.flatMap((key) => {
          const value = figureOf(kpis, key);
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
