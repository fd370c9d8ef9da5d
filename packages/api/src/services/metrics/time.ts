/**
 * Time windows of the metrics. The database stores UTC; the operation runs on Beijing time (Asia/Shanghai,
 * UTC+8 all year, no daylight saving), so "today", days and hours of day are Beijing ones.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 24 * 3_600_000;

/** A half-open interval [from, to). */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/** The UTC instant of the Beijing midnight that starts the day containing `at`. */
export function shanghaiDayStart(at: Date): Date {
  return new Date(Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** "2026-11-18": the Beijing calendar date of `at`. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Beijing midnight starting a "YYYY-MM-DD" day, or null when it is not a real date. */
export function shanghaiDayStartOf(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

/** Today so far: Beijing midnight → now. */
export function todaySoFar(now: Date): TimeWindow {
  return { from: shanghaiDayStart(now), to: now };
}

/** The same hours one day earlier (yesterday 00:00 → now − 24 h), for "compared with yesterday". */
export function sameHoursDayBefore(window: TimeWindow): TimeWindow {
  return { from: new Date(window.from.getTime() - DAY_MS), to: new Date(window.to.getTime() - DAY_MS) };
}
