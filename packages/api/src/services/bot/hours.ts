/** Bot hours are configured in China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3_600_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when `at` falls on one of `days` (1 = Monday … 7 = Sunday) between start and end, Beijing time. */
export function withinHours(hours: { days: number[]; start: string; end: string }, at: Date): boolean {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return hours.days.includes(weekday) && minute >= minutesOf(hours.start) && minute < minutesOf(hours.end);
}
