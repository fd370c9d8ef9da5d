/**
 * The report rollups (docs/architecture.md, "Reports"). A conversation's facts (services/metrics, conversationFacts)
 * are summed per UTC hour × agent into StatsConversationFact rows; StatsHourly and StatsDaily hold the sums of those
 * rows per team × agent × channel. Refreshing a conversation re-derives its facts from its raw rows and applies the
 * difference to the rollups in one transaction, under the lock of its StatsConversation row: handling an event twice,
 * late or out of order changes nothing more than handling it once.
 */
import { Prisma, type Channel, type Db } from "@kefu/db/client";
import { runUnitOfWork, type Tx } from "../../domain-events/index.ts";
import { conversationFacts, FACT_COUNTERS, shanghaiDate, emptyCounters, type FactCounters } from "../metrics/index.ts";

const HOUR_MS = 3_600_000;

/** The UTC hour starting the bucket of `at` (Beijing hours are whole UTC hours). */
export function hourBucket(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export interface FactRow extends FactCounters {
  bucket: Date;
  agentId: number;
  teamId: number;
  channel: Channel;
}

/** The conversation's facts summed per (hour, agent), as StatsConversationFact rows. */
export async function deriveFactRows(db: Db | Tx, conversationId: number): Promise<FactRow[]> {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { createdAt: true, teamId: true, channel: true, csatScore: true },
  });
  if (!conversation) return [];
  const [events, messages] = await Promise.all([
    db.conversationEvent.findMany({
      where: { conversationId },
      orderBy: { id: "asc" },
      select: { id: true, type: true, at: true, fromStatus: true, fromUserId: true, toUserId: true },
    }),
    db.message.findMany({
      where: { conversationId },
      orderBy: { id: "asc" },
      select: { id: true, senderType: true, senderId: true, kind: true, createdAt: true },
    }),
  ]);
  const rows = new Map<string, FactRow>();
  for (const fact of conversationFacts({ conversation, events, messages })) {
    const bucket = hourBucket(fact.at);
    const key = `${bucket.getTime()}:${fact.agentId}`;
    let row = rows.get(key);
    if (!row) {
      row = { bucket, agentId: fact.agentId, teamId: conversation.teamId ?? 0, channel: conversation.channel, ...emptyCounters() };
      rows.set(key, row);
    }
    for (const [name, value] of Object.entries(fact.counters) as [keyof FactCounters, number][]) row[name] += value;
  }
  return [...rows.values()];
}

interface Delta extends FactCounters {
  bucket: Date;
  teamId: number;
  agentId: number;
  channel: Channel;
}

function addInto(deltas: Map<string, Delta>, row: FactRow, sign: 1 | -1) {
  const key = `${row.bucket.getTime()}:${row.teamId}:${row.agentId}:${row.channel}`;
  let delta = deltas.get(key);
  if (!delta) {
    delta = { bucket: row.bucket, teamId: row.teamId, agentId: row.agentId, channel: row.channel, ...emptyCounters() };
    deltas.set(key, delta);
  }
  for (const name of FACT_COUNTERS) delta[name] += sign * row[name];
}

const counterColumns = Prisma.raw(FACT_COUNTERS.map((name) => `\`${name}\``).join(", "));
const addCounters = Prisma.raw(FACT_COUNTERS.map((name) => `\`${name}\` = \`${name}\` + VALUES(\`${name}\`)`).join(", "));

/** Adds the deltas to StatsHourly and StatsDaily (rows created at zero when missing), in key order. */
async function applyDeltas(tx: Tx, deltas: Delta[]): Promise<void> {
  if (deltas.length === 0) return;
  const now = new Date();
  const counters = (d: Delta) => Prisma.join(FACT_COUNTERS.map((name) => d[name]));
  await tx.$executeRaw`
    INSERT INTO \`StatsHourly\` (\`bucket\`, \`teamId\`, \`agentId\`, \`channel\`, ${counterColumns}, \`updatedAt\`)
    VALUES ${Prisma.join(deltas.map((d) => Prisma.sql`(${d.bucket}, ${d.teamId}, ${d.agentId}, ${d.channel}, ${counters(d)}, ${now})`))}
    ON DUPLICATE KEY UPDATE ${addCounters}, \`updatedAt\` = VALUES(\`updatedAt\`)`;
  const daily = new Map<string, Delta & { day: string }>();
  for (const d of deltas) {
    const day = shanghaiDate(d.bucket);
    const key = `${day}:${d.teamId}:${d.agentId}:${d.channel}`;
    const entry = daily.get(key) ?? { ...d, ...emptyCounters(), day };
    for (const name of FACT_COUNTERS) entry[name] += d[name];
    daily.set(key, entry);
  }
  const days = [...daily.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.teamId - b.teamId || a.agentId - b.agentId));
  await tx.$executeRaw`
    INSERT INTO \`StatsDaily\` (\`day\`, \`teamId\`, \`agentId\`, \`channel\`, ${counterColumns}, \`updatedAt\`)
    VALUES ${Prisma.join(days.map((d) => Prisma.sql`(${d.day}, ${d.teamId}, ${d.agentId}, ${d.channel}, ${counters(d)}, ${now})`))}
    ON DUPLICATE KEY UPDATE ${addCounters}, \`updatedAt\` = VALUES(\`updatedAt\`)`;
}

function sameRows(a: FactRow[], b: FactRow[]): boolean {
  if (a.length !== b.length) return false;
  const key = (r: FactRow) => `${r.bucket.getTime()}:${r.agentId}:${r.teamId}:${r.channel}:${FACT_COUNTERS.map((n) => r[n]).join(",")}`;
  const left = new Set(a.map(key));
  return b.every((row) => left.has(key(row)));
}

/** Re-derives one conversation's facts and moves the rollups by the difference. Returns whether anything changed. */
export async function refreshConversationRollup(db: Db, conversationId: number): Promise<boolean> {
  return runUnitOfWork(db, async ({ tx }) => {
    // the lock: one refresh of a conversation at a time, whichever worker runs it
    await tx.$executeRaw`
      INSERT INTO \`StatsConversation\` (\`conversationId\`, \`computedAt\`) VALUES (${conversationId}, NOW(3))
      ON DUPLICATE KEY UPDATE \`computedAt\` = NOW(3)`;
    const [next, previous] = await Promise.all([deriveFactRows(tx, conversationId), tx.statsConversationFact.findMany({ where: { conversationId } })]);
    if (sameRows(previous, next)) return false;
    const deltas = new Map<string, Delta>();
    for (const row of previous) addInto(deltas, row, -1);
    for (const row of next) addInto(deltas, row, 1);
    const changed = [...deltas.values()]
      .filter((d) => FACT_COUNTERS.some((name) => d[name] !== 0))
      .sort((a, b) => a.bucket.getTime() - b.bucket.getTime() || a.teamId - b.teamId || a.agentId - b.agentId || a.channel.localeCompare(b.channel));
    await applyDeltas(tx, changed);
    await tx.statsConversationFact.deleteMany({ where: { conversationId } });
    if (next.length > 0) await tx.statsConversationFact.createMany({ data: next.map((row) => ({ conversationId, ...row })) });
    return true;
  });
}
