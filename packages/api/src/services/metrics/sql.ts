/** Small helpers shared by the metric queries. */
import { Prisma, type Channel } from "@kefu/db/client";

/** Narrows a metric to one team (the conversation's team), one channel (the conversation's) and/or one agent. */
export interface MetricScope {
  teamId?: number;
  agentId?: number;
  channel?: Channel;
}

/** A number from a raw aggregate (the driver returns BIGINT and DECIMAL as bigint or string); null stays null. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function toCount(value: unknown): number {
  return toNumber(value) ?? 0;
}

/** A rounded average in seconds, or null when nothing was measured. */
export function toSeconds(value: unknown): number | null {
  const n = toNumber(value);
  return n === null ? null : Math.round(n);
}

/**
 * `AND c.teamId = …` when the scope names a team, `AND c.channel = …` when it names a channel (the query aliases
 * Conversation as c).
 */
export function teamFilter(scope: MetricScope): Prisma.Sql {
  const team = scope.teamId === undefined ? Prisma.empty : Prisma.sql`AND c.teamId = ${scope.teamId}`;
  return scope.channel === undefined ? team : Prisma.sql`${team} AND c.channel = ${scope.channel}`;
}

/** `AND <column> = agentId` when the scope names an agent. */
export function agentFilter(scope: MetricScope, column: Prisma.Sql): Prisma.Sql {
  return scope.agentId === undefined ? Prisma.empty : Prisma.sql`AND ${column} = ${scope.agentId}`;
}

/** Percentage with one decimal, or null when the denominator is 0. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
