/**
 * Time helpers. The database stores UTC; the operation runs on Beijing time (UTC+8, no DST),
 * so business hours, weekdays and "today" are computed in UTC+8.
 */
import type { Random } from "./random.ts";

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const BEIJING_OFFSET = 8 * HOUR;

export function beijingHour(at: number): number {
  return new Date(at + BEIJING_OFFSET).getUTCHours();
}

/** 0 = Sunday … 6 = Saturday, in Beijing. */
export function beijingWeekday(at: number): number {
  return new Date(at + BEIJING_OFFSET).getUTCDay();
}

/** UTC instant of the Beijing midnight that starts the day containing `at`. */
export function beijingDayStart(at: number): number {
  return Math.floor((at + BEIJING_OFFSET) / DAY) * DAY - BEIJING_OFFSET;
}

/** "11月18日" */
export function beijingMonthDay(at: number): string {
  const date = new Date(at + BEIJING_OFFSET);
  return `${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/** "20261118" */
export function beijingCompactDate(at: number): string {
  return new Date(at + BEIJING_OFFSET).toISOString().slice(0, 10).replace(/-/g, "");
}

/** Relative arrival volume per Beijing hour: quiet at night, busy 9–22 with a lunch dip and an evening peak. */
const HOURLY_VOLUME = [
  0.16, 0.09, 0.05, 0.03, 0.03, 0.05, 0.12, 0.3, 0.62, 1.0, 1.3, 1.25, 0.95, 1.05, 1.25, 1.3, 1.2, 1.02, 0.88, 0.98, 1.18, 1.1, 0.62, 0.32,
];
const WEEKEND_VOLUME = 0.62;

/**
 * Shopping festivals (11.11 and 6.18) bring a spike of pre-sale questions and, in the days after,
 * delivery and refund questions. Month is 1-based.
 */
const FESTIVALS = [
  { month: 11, day: 11 },
  { month: 6, day: 18 },
];

function festivalFactor(at: number): number {
  const date = new Date(at + BEIJING_OFFSET);
  for (const festival of FESTIVALS) {
    const festivalDay = Date.UTC(date.getUTCFullYear(), festival.month - 1, festival.day);
    const dayOffset = Math.round((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - festivalDay) / DAY);
    if (dayOffset === 0) return 2.4;
    if (dayOffset === -1) return 1.5;
    if (dayOffset >= 1 && dayOffset <= 4) return 1.6 - dayOffset * 0.1;
  }
  return 1;
}

/**
 * The arrival curve over a window ending at `end`: hourly buckets weighted by time of day, weekday,
 * festivals and a gentle growth trend. `timeAt(u)` maps u ∈ [0, 1) to an instant, so evenly spaced
 * u values (`(i + jitter) / n`) give n arrivals in chronological order without holding them all.
 */
export class ArrivalCurve {
  private readonly start: number;
  private readonly cumulative: Float64Array;
  private readonly bucketLengths: Float64Array;

  constructor(end: number, days: number) {
    this.start = Math.floor((end - days * DAY) / HOUR) * HOUR;
    const buckets = Math.ceil((end - this.start) / HOUR);
    this.cumulative = new Float64Array(buckets);
    this.bucketLengths = new Float64Array(buckets);
    let total = 0;
    for (let i = 0; i < buckets; i++) {
      const bucketStart = this.start + i * HOUR;
      const length = Math.min(HOUR, end - bucketStart);
      const weekday = beijingWeekday(bucketStart);
      const weekendFactor = weekday === 0 || weekday === 6 ? WEEKEND_VOLUME : 1;
      const trend = 0.85 + 0.3 * (i / buckets);
      total += HOURLY_VOLUME[beijingHour(bucketStart)]! * weekendFactor * festivalFactor(bucketStart) * trend * (length / HOUR);
      this.cumulative[i] = total;
      this.bucketLengths[i] = length;
    }
    for (let i = 0; i < buckets; i++) this.cumulative[i] = this.cumulative[i]! / total;
  }

  timeAt(u: number): number {
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! > u) high = middle;
      else low = middle + 1;
    }
    const before = low === 0 ? 0 : this.cumulative[low - 1]!;
    const within = (u - before) / (this.cumulative[low]! - before || 1);
    return Math.round(this.start + low * HOUR + Math.min(Math.max(within, 0), 0.9999) * this.bucketLengths[low]!);
  }

  /** The i-th of n arrivals in chronological order. */
  arrival(i: number, n: number, rng: Random): number {
    return this.timeAt((i + rng.next()) / n);
  }

  /** Relative load at an instant (1 ≈ a normal busy hour), used to lengthen queue waits at peaks. */
  static loadAt(at: number): number {
    const weekday = beijingWeekday(at);
    return HOURLY_VOLUME[beijingHour(at)]! * (weekday === 0 || weekday === 6 ? WEEKEND_VOLUME : 1) * festivalFactor(at);
  }
}
