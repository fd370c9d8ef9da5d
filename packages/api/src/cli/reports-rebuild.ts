// `pnpm reports:rebuild -- --from YYYY-MM-DD --to YYYY-MM-DD`: rebuilds the report rollups for those Beijing days
// (both included) from the raw rows, with progress. Without --from/--to: the last 90 days up to today.
import { getDb } from "@kefu/db/client";
import { reportRebuildInput } from "../contracts/report.ts";
import { shanghaiDate } from "../services/metrics/index.ts";
import { rebuildRollups } from "../services/report/index.ts";

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

const today = shanghaiDate(new Date());
const parsed = reportRebuildInput.safeParse({
  from: option("from") ?? shanghaiDate(new Date(Date.now() - 89 * 86_400_000)),
  to: option("to") ?? today,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

const db = getDb();
try {
  const started = Date.now();
  const result = await rebuildRollups(db, {
    ...parsed.data,
    onProgress: (done, total) => process.stdout.write(`\rReports: ${done} / ${total} conversations`),
  });
  console.log(
    `\nReports: ${parsed.data.from} … ${parsed.data.to}: ${result.conversations} conversations (${result.changed} changed), ${result.days} days rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await db.$disconnect();
}
