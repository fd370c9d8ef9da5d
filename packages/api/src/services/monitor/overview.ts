/**
 * The monitor's headline: today's KPIs (Beijing midnight → now) and the same figures for the same hours
 * yesterday (yesterday midnight → now − 24 h), plus the replies waiting now.
 *
 * Yesterday's figures describe a past that no longer changes, so they are computed to the minute and kept for
 * that minute per process. Today's counters are computed on every call (the page applies live deltas on top of
 * them); today's first-response and reply-time averages, the costliest figures and slow to move, are recomputed
 * at most every RESPONSE_TIMES_TTL_MS per process.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import {
  operationKpis,
  repliesWaiting,
  responseTimes,
  sameHoursDayBefore,
  todaySoFar,
  type OperationKpis,
  type ResponseTimes,
  type TimeWindow,
} from "../metrics/index.ts";

const MINUTE_MS = 60_000;
const COMPARISON_CACHE_ENTRIES = 32;
export const RESPONSE_TIMES_TTL_MS = 15_000;
const comparisonCache = new WeakMap<Db, Map<string, Promise<OperationKpis>>>();
const responseTimesCache = new WeakMap<Db, Map<string, { at: number; value: Promise<ResponseTimes> }>>();

/** today's response times, shared by the calls of RESPONSE_TIMES_TTL_MS (a new day starts a new entry) */
function todaysResponseTimes(db: Db, window: TimeWindow, teamId: number | undefined): Promise<ResponseTimes> {
  let cache = responseTimesCache.get(db);
  if (!cache) {
    cache = new Map();
    responseTimesCache.set(db, cache);
  }
  const key = `${window.from.getTime()}:${teamId ?? ""}`;
  const entry = cache.get(key);
  const now = window.to.getTime();
  if (entry && now - entry.at >= 0 && now - entry.at < RESPONSE_TIMES_TTL_MS) return entry.value;
  if (!entry && cache.size >= COMPARISON_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  const value = responseTimes(db, window, teamId === undefined ? {} : { teamId });
  value.catch(() => cache.delete(key));
  cache.set(key, { at: now, value });
  return value;
}

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
    operationKpis(db, today, { live: true, scope, responseTimes: todaysResponseTimes(db, today, input.teamId) }),
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
