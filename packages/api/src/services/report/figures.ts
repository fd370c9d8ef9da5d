/**
 * Report figures from summed rollup counters, each by its one definition (services/metrics): rates through
 * `percent` / `resolutionRate`, averages as sum ÷ count rounded as `toSeconds` rounds them.
 */
import { Prisma, type Db } from "@kefu/db/client";
import type { ReportFilterInput, ReportMetric } from "../../contracts/report.ts";
import { emptyCounters, FACT_COUNTERS, percent, resolutionRate, shanghaiDayStartOf, toCount, DAY_MS, type FactCounters } from "../metrics/index.ts";

export type ReportFigures = Record<ReportMetric, number | null> & { csatResponses: number };

function average(sum: number, count: number): number | null {
  return count > 0 ? Math.round(sum / count) : null;
}

export function figuresOf(c: FactCounters): ReportFigures {
  return {
    created: c.created,
    botResolved: c.botResolved,
    handedOff: c.handedOff,
    assigned: c.assigned,
    abandoned: c.abandoned,
    resolved: c.resolved,
    resolutionRate: resolutionRate(c.resolved, c.abandoned),
    csat: percent(c.csatPositive, c.csatResponses),
    csatResponses: c.csatResponses,
    averageFirstResponseSeconds: average(c.firstResponseSum, c.firstResponseCount),
    averageReplySeconds: average(c.replySecondsSum, c.replyCount),
    averageHandleSeconds: average(c.handleSecondsSum, c.handleCount),
    averageWaitSeconds: average(c.waitSecondsSum, c.waitCount),
  };
}

/** SUM of every counter, aliased by its name. */
export const sumColumns = Prisma.raw(FACT_COUNTERS.map((name) => `COALESCE(SUM(\`${name}\`), 0) AS \`${name}\``).join(", "));

export function countersOf(row: Record<string, unknown> | undefined): FactCounters {
  const counters = emptyCounters();
  if (row) for (const name of FACT_COUNTERS) counters[name] = toCount(row[name]);
  return counters;
}

/** `AND teamId = … AND agentId = … AND channel = …` for the filters given. */
export function rollupFilter(filter: Pick<ReportFilterInput, "teamId" | "agentId" | "channel">): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.teamId !== undefined) parts.push(Prisma.sql`AND teamId = ${filter.teamId}`);
  if (filter.agentId !== undefined) parts.push(Prisma.sql`AND agentId = ${filter.agentId}`);
  if (filter.channel !== undefined) parts.push(Prisma.sql`AND channel = ${filter.channel}`);
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

/** The summed counters of the Beijing days [from, to] (StatsDaily). */
export async function countersForDays(db: Db, filter: ReportFilterInput): Promise<FactCounters> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${sumColumns} FROM \`StatsDaily\` WHERE day >= ${filter.from} AND day <= ${filter.to} ${rollupFilter(filter)}`;
  return countersOf(row);
}

/** The UTC instants bounding the Beijing days [from, to]. */
export function windowOfDays(from: string, to: string): { from: Date; to: Date } {
  return { from: shanghaiDayStartOf(from)!, to: new Date(shanghaiDayStartOf(to)!.getTime() + DAY_MS) };
}
