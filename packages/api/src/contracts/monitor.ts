import { z } from "zod";
import { idSchema } from "./user.ts";

const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** The presence timeline reaches back this far (about a year of presence intervals). */
export const TIMELINE_MAX_DAYS_BACK = 366;

/** "YYYY-MM-DD" in Beijing time, for a date a person picks. */
function beijingToday(): string {
  return new Date(Date.now() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

function isRealDate(value: string): boolean {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function daysBefore(value: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${value}T00:00:00Z`)) / 86_400_000);
}

/** One Beijing day, not in the future and at most TIMELINE_MAX_DAYS_BACK days back. */
export const monitorDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(isRealDate, "must be a real calendar date")
  .refine((value) => !isRealDate(value) || value <= beijingToday(), "must not be in the future")
  .refine((value) => !isRealDate(value) || daysBefore(value, beijingToday()) <= TIMELINE_MAX_DAYS_BACK, `must be at most ${TIMELINE_MAX_DAYS_BACK} days ago`);

export const monitorTeamScopeInput = z.object({ teamId: idSchema.optional() }).optional();

export const monitorQueueInput = z
  .object({
    teamId: idSchema.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .optional();

export const presenceTimelineInput = z.object({
  date: monitorDaySchema,
  teamId: idSchema.optional(),
});

export const setAgentPresenceInput = z.object({
  userId: idSchema,
  presence: z.enum(["ONLINE", "BUSY", "AWAY", "OFFLINE"]),
});

export type MonitorQueueInput = z.infer<typeof monitorQueueInput>;
export type PresenceTimelineInput = z.infer<typeof presenceTimelineInput>;
export type SetAgentPresenceInput = z.infer<typeof setAgentPresenceInput>;
