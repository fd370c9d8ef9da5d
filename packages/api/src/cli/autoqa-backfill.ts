// `pnpm autoqa:backfill [from] [to]`: AutoQA over ended conversations not yet checked (dates as
// YYYY-MM-DD, created from `from` up to `to`), with progress.
import { getDb } from "@kefu/db/client";
import { backfillAutoQa } from "../services/autoqa/index.ts";

function date(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(`${value}T00:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime())) throw new Error(`${name}: expected a date as YYYY-MM-DD, got "${value}"`);
  return parsed;
}

const db = getDb();
try {
  const started = Date.now();
  const result = await backfillAutoQa(db, {
    from: date(process.argv[2], "from"),
    to: date(process.argv[3], "to"),
    onProgress: (done, total) => process.stdout.write(`\rAutoQA: ${done} / ${total} conversations`),
  });
  console.log(`\nAutoQA: ${result.checked} conversations checked, ${result.flags} flags, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await db.$disconnect();
}
