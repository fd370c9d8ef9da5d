export interface SeedSummary {
  /** wall-clock seconds */
  seconds: number;
  /** rows inserted, by table */
  rows: Record<string, number>;
}

export function formatSummary(summary: SeedSummary): string {
  const rows = Object.entries(summary.rows)
    .filter(([, count]) => count > 0)
    .map(([table, count]) => `  ${table.padEnd(20)} ${count.toLocaleString("en-US").padStart(12)}`);
  return [...rows, `  ${"seconds".padEnd(20)} ${summary.seconds.toFixed(1).padStart(12)}`].join("\n");
}
