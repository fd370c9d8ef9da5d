/**
 * pnpm db:seed                      seeds the demo data when the database is empty
 * pnpm db:seed --reset              wipes all data and seeds the demo data again
 * pnpm db:seed --conversations <n>  demo size (default 20,000)
 * pnpm db:seed --scale <n>          adds n × 100,000 conversations for benchmarks (1–100)
 */
import { dbEnv } from "../env.ts";
import { migrate } from "../migrate.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, formatSummary, isSeeded, MAX_SCALE, resetData, seedDemo, seedScale } from "../seed/index.ts";

class UsageError extends Error {
  override name = "UsageError";
}

interface SeedArguments {
  reset: boolean;
  scale: number | null;
  conversations: number | null;
}

function parseArguments(argv: readonly string[]): SeedArguments {
  const parsed: SeedArguments = { reset: false, scale: null, conversations: null };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    const [flag, inline] = argument.split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--reset":
        parsed.reset = true;
        break;
      case "--scale":
        parsed.scale = positiveInteger("--scale", value(), MAX_SCALE);
        break;
      case "--conversations":
        parsed.conversations = positiveInteger("--conversations", value(), 10_000_000);
        break;
      case "--":
        break;
      default:
        throw new UsageError(`Unknown option ${argument}. Use --reset, --scale <n> or --conversations <n>.`);
    }
  }
  return parsed;
}

function positiveInteger(flag: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new UsageError(`${flag} must be a whole number from 1 to ${max}${raw === undefined ? "" : `, got "${raw}"`}`);
  }
  return value;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const { DATABASE_URL: url } = dbEnv();
  const log = (line: string) => console.log(`  ${line}`);
  await migrate(url, { log });

  if (args.reset) {
    console.log("Removing all data …");
    await resetData(url);
  }
  const seeded = await isSeeded(url);
  if (seeded && args.scale === null) {
    console.log("The database is already seeded; nothing to do. Use --reset to wipe it and seed again.");
    return;
  }
  if (!seeded) {
    console.log("Seeding demo data …");
    const summary = await seedDemo(url, { log, ...(args.conversations ? { conversations: args.conversations } : {}) });
    console.log(formatSummary(summary));
    console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(10)} ${account.employeeNo}  ${account.email.padEnd(28)} ${account.name}`);
  }
  if (args.scale !== null) {
    console.log(`Adding scale data ×${args.scale} …`);
    console.log(formatSummary(await seedScale(url, args.scale, { log })));
  }
}

try {
  await main();
} catch (error) {
  const known = error instanceof UsageError || (error instanceof Error && ["EnvError", "MigrationError"].includes(error.name));
  console.error(known ? error.message : error);
  process.exit(1);
}
