/** Presence timeline: per agent, the ONLINE / BUSY / AWAY spans of one Beijing day and the time in each. */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { DAY_MS, presenceTimelines, shanghaiDayStartOf, type PresenceSpan } from "../metrics/index.ts";
import { assertTeamExists } from "./overview.ts";

export interface AgentPresenceDay {
  userId: number;
  name: string;
  employeeNo: string;
  spans: PresenceSpan[];
  onlineSeconds: number;
  busySeconds: number;
  awaySeconds: number;
}

export async function presenceTimeline(db: Db, input: { date: string; teamId?: number }, now = new Date()) {
  const dayStart = shanghaiDayStartOf(input.date);
  if (!dayStart || dayStart > now) throw new AppError("INVALID_INPUT", { field: "date" });
  await assertTeamExists(db, input.teamId);
  const dayEnd = new Date(dayStart.getTime() + DAY_MS);
  // today's timeline ends now: an open interval has not run to midnight yet
  const window = { from: dayStart, to: dayEnd < now ? dayEnd : now };
  const users = await db.user.findMany({
    where: {
      ...(input.teamId === undefined ? {} : { teams: { some: { teamId: input.teamId } } }),
      OR: [
        { role: "AGENT", disabledAt: null },
        // anyone who was signed in that day (e.g. an agent disabled since) still has a row
        {
          presenceIntervals: {
            some: { presence: { not: "OFFLINE" }, startedAt: { lt: window.to }, OR: [{ endedAt: null }, { endedAt: { gt: window.from } }] },
          },
        },
      ],
    },
    orderBy: { id: "asc" },
    select: { id: true, name: true, employeeNo: true, role: true },
  });
  const timelines = await presenceTimelines(
    db,
    users.map((u) => u.id),
    window,
  );
  const agents = users.map((user): AgentPresenceDay => {
    const timeline = timelines.get(user.id);
    return {
      userId: user.id,
      name: user.name,
      employeeNo: user.employeeNo,
      spans: timeline?.spans ?? [],
      onlineSeconds: timeline?.seconds.ONLINE ?? 0,
      busySeconds: timeline?.seconds.BUSY ?? 0,
      awaySeconds: timeline?.seconds.AWAY ?? 0,
    };
  });
  return { date: input.date, from: window.from, to: dayEnd, until: window.to, agents };
}
