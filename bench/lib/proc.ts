/**
 * CPU and memory of the processes a benchmark started, read from /proc: by process group (a started service and
 * what it started) or by pid. Linux only, as the benchmarks are.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
const PAGE_BYTES = Number(spawnSync("getconf", ["PAGESIZE"], { encoding: "utf8" }).stdout.trim()) || 4096;

interface ProcStat {
  pgrp: number;
  ticks: number;
  rssBytes: number;
}

export function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]), rssBytes: Number(fields[21]) * PAGE_BYTES };
  } catch {
    return null;
  }
}

function numericEntries(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** CPU ticks of every process in the given process groups. */
export function groupTicks(groups: readonly number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  if (groups.length === 0) return ticks;
  for (const pid of numericEntries()) {
    const stat = procStat(pid);
    if (stat && groups.includes(stat.pgrp)) ticks.set(pid, stat.ticks);
  }
  return ticks;
}

/** Resident memory of every process in the given process groups, in MB. */
export function groupRssMb(groups: readonly number[]): number {
  let bytes = 0;
  for (const pid of numericEntries()) {
    const stat = procStat(pid);
    if (stat && groups.includes(stat.pgrp)) bytes += stat.rssBytes;
  }
  return Math.round(bytes / 1024 / 1024);
}

export function pidTicks(pid: number | null): Map<number, number> {
  const stat = pid ? procStat(pid) : null;
  return new Map<number, number>(stat && pid ? [[pid, stat.ticks]] : []);
}

export function pidRssMb(pid: number | null): number | null {
  const stat = pid ? procStat(pid) : null;
  return stat ? Math.round(stat.rssBytes / 1024 / 1024) : null;
}

/** percent of one core over the interval; processes that lived through it only */
export function cpuPercent(before: Map<number, number>, after: Map<number, number>, seconds: number): number | null {
  if (after.size === 0) return null;
  let ticks = 0;
  for (const [pid, end] of after) ticks += end - (before.get(pid) ?? end);
  return Math.round((ticks / CLOCK_TICKS / seconds) * 1000) / 10;
}

/** The process group of the soketi listening on `port` (ensureSoketi starts it in a group of its own). */
export function soketiGroup(port: number): number | null {
  for (const pid of numericEntries()) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const environ = readFileSync(`/proc/${pid}/environ`, "utf8");
      if (cmdline.includes("soketi") && environ.includes(`SOKETI_PORT=${port}\0`)) return procStat(pid)?.pgrp ?? null;
    } catch {
      // a process that ended meanwhile
    }
  }
  return null;
}

/** The database server's pid, from its pid file (`SELECT @@pid_file`). */
export function pidFromFile(path: string | undefined): number | null {
  if (!path) return null;
  try {
    return Number(readFileSync(path, "utf8").trim()) || null;
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine (/proc/stat), to tell a saturated machine from a saturated process. */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, v) => sum + v, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}
