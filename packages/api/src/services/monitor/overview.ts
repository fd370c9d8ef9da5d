/**
 * The monitor's headline: today's KPIs (Beijing midnight → now) and the same figures for the same hours
 * yesterday (yesterday midnight → now − 24 h), plus the replies waiting now.
 *
 * Yesterday's figures describe a past that no longer changes, so they are computed to the minute and kept for
 * that minute per process; today's are computed on every call (the page applies live deltas on top of them).
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { operationKpis, repliesWaiting, sameHoursDayBefore, todaySoFar, type OperationKpis, type TimeWindow } from "../metrics/index.ts";

const MINUTE_MS = 60_000;
const COMPARISON_CACHE_ENTRIES = 32;
const comparisonCache = new WeakMap<Db, Map<string, Promise<OperationKpis>>>();

/** yesterday's KPIs over a window whose end is cut to the minute, shared by the calls of that minute */
function comparisonKpis(db: Db, window: TimeWindow, teamId: number | undefined): Promise<OperationKpis> {
  let cache = comparisonCache.get(db);
  if (!cache) {
    cache = new Map();
    comparisonCache.set(db, cache);
  }
  const key = `${window.from.getTime()}:${window.to.getTime()}:${teamId ?? ""}`;
  let entry = cache.get(key);
  if (!entry) {
    if (cache.size >= COMPARISON_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    entry = operationKpis(db, window, { live: false, scope: teamId === undefined ? {} : { teamId } });
    // a failed computation is not kept
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

export async function assertTeamExists(db: Db, teamId: number | undefined) {
  if (teamId !== undefined && !(await db.team.count({ where: { id: teamId } }))) throw new AppError("NOT_FOUND", { field: "teamId" });
}

export interface MonitorOverview {
  generatedAt: Date;
  teamId: number | null;
  today: TimeWindow & { kpis: OperationKpis };
  yesterday: TimeWindow & { kpis: OperationKpis };
  /** conversations held by an agent whose last customer message has no later agent reply */
  repliesWaiting: number;
}

export async function monitorOverview(db: Db, input: { teamId?: number } = {}, now = new Date()): Promise<MonitorOverview> {
  await assertTeamExists(db, input.teamId);
  const today = todaySoFar(now);
  const sameHours = sameHoursDayBefore(today);
  const yesterday = { from: sameHours.from, to: new Date(Math.floor(sameHours.to.getTime() / MINUTE_MS) * MINUTE_MS) };
  const scope = input.teamId === undefined ? {} : { teamId: input.teamId };
  const [todayKpis, yesterdayKpis, waiting] = await Promise.all([
    operationKpis(db, today, { live: true, scope }),
    comparisonKpis(db, yesterday, input.teamId),
    repliesWaiting(db, scope),
  ]);
  return {
    generatedAt: now,
    teamId: input.teamId ?? null,
    today: { ...today, kpis: todayKpis },
    yesterday: { ...yesterday, kpis: yesterdayKpis },
    repliesWaiting: waiting.length,
  };
}
