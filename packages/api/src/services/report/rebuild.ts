/**
 * Rebuilding the rollups for a range of Beijing days (`pnpm reports:rebuild -- --from … --to …`, the
 * `reports.rebuild` job, and `pnpm dev` / the end-to-end server after seeding): first every conversation with
 * activity in the range is refreshed (its facts re-derived from the raw rows, in batches, with progress), then each
 * day's StatsHourly and StatsDaily rows are replaced by the sums of the facts, so the result equals what incremental
 * maintenance would have left, whatever the rollups held before.
 */
import { Prisma, type Db } from "@kefu/db/client";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { DAY_MS, FACT_COUNTERS, shanghaiDayStartOf } from "../metrics/index.ts";
import { reportRebuildInput } from "../../contracts/report.ts";
import { refreshConversationRollup } from "./rollup.ts";

export interface RebuildOptions {
  /** Beijing days, inclusive */
  from: string;
  to: string;
  batchSize?: number;
  onProgress?: (done: number, total: number) => unknown;
}

export interface RebuildResult {
  conversations: number;
  changed: number;
  days: number;
}

export const REPORTS_REBUILD_JOB = "reports.rebuild";

const REFRESH_CONCURRENCY = 4;

const sums = Prisma.raw(FACT_COUNTERS.map((name) => `SUM(\`${name}\`)`).join(", "));
const columns = Prisma.raw(FACT_COUNTERS.map((name) => `\`${name}\``).join(", "));

export async function rebuildRollups(db: Db, options: RebuildOptions): Promise<RebuildResult> {
  const start = shanghaiDayStartOf(options.from);
  const lastDay = shanghaiDayStartOf(options.to);
  if (!start || !lastDay || lastDay < start) throw new Error(`not a range of days: ${options.from} … ${options.to}`);
  const end = new Date(lastDay.getTime() + DAY_MS);
  const batchSize = options.batchSize ?? 200;
  // every conversation that has a fact in the range, or had one (its rows may be gone since)
  const ids = await db.$queryRaw<{ id: unknown }[]>`
    SELECT DISTINCT conversationId AS id FROM \`ConversationEvent\` WHERE at >= ${start} AND at < ${end}
      AND type IN ('CREATED', 'BOT_HANDOFF', 'ASSIGNED', 'ABANDONED', 'RESOLVED', 'CSAT')
    UNION
    SELECT DISTINCT conversationId FROM \`Message\` WHERE createdAt >= ${start} AND createdAt < ${end} AND senderType = 'AGENT' AND kind = 'TEXT'
    UNION
    SELECT DISTINCT conversationId FROM \`StatsConversationFact\` WHERE bucket >= ${start} AND bucket < ${end}
    ORDER BY id`;
  const total = ids.length;
  let done = 0;
  let changed = 0;
  await options.onProgress?.(0, total);
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize).map(({ id }) => Number(id));
    // a few conversations at a time: each is its own short transaction, so the database is kept busy
    for (let j = 0; j < batch.length; j += REFRESH_CONCURRENCY) {
      const outcomes = await Promise.all(batch.slice(j, j + REFRESH_CONCURRENCY).map((id) => refreshConversationRollup(db, id)));
      changed += outcomes.filter(Boolean).length;
    }
    done = Math.min(i + batchSize, total);
    await options.onProgress?.(done, total);
  }
  let days = 0;
  for (let day = start; day < end; day = new Date(day.getTime() + DAY_MS), days++) {
    const next = new Date(day.getTime() + DAY_MS);
    const date = new Date(day.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await runUnitOfWork(db, async ({ tx }) => {
      await tx.$executeRaw`DELETE FROM \`StatsHourly\` WHERE bucket >= ${day} AND bucket < ${next}`;
      await tx.$executeRaw`
        INSERT INTO \`StatsHourly\` (\`bucket\`, \`teamId\`, \`agentId\`, \`channel\`, ${columns}, \`updatedAt\`)
        SELECT bucket, teamId, agentId, channel, ${sums}, NOW(3) FROM \`StatsConversationFact\`
        WHERE bucket >= ${day} AND bucket < ${next} GROUP BY bucket, teamId, agentId, channel`;
      await tx.$executeRaw`DELETE FROM \`StatsDaily\` WHERE day = ${date}`;
      await tx.$executeRaw`
        INSERT INTO \`StatsDaily\` (\`day\`, \`teamId\`, \`agentId\`, \`channel\`, ${columns}, \`updatedAt\`)
        SELECT ${date}, teamId, agentId, channel, ${sums}, NOW(3) FROM \`StatsConversationFact\`
        WHERE bucket >= ${day} AND bucket < ${next} GROUP BY teamId, agentId, channel`;
    });
  }
  return { conversations: total, changed, days };
}

/** The `reports.rebuild` job (payload `{ from, to }`): the rebuild with its progress on the job row. */
export async function runRebuildJob(db: Db, jobId: number, payload: unknown): Promise<void> {
  const parsed = reportRebuildInput.parse(payload);
  const result = await rebuildRollups(db, {
    ...parsed,
    onProgress: (done, total) => db.job.update({ where: { id: jobId }, data: { progressDone: done, progressTotal: total } }),
  });
  await db.job.update({ where: { id: jobId }, data: { result: { ...result } } });
}
