import { dbEnv } from "../env.ts";
import { migrate, MigrationError } from "../migrate.ts";

try {
  const { DATABASE_URL } = dbEnv();
  const result = await migrate(DATABASE_URL, { log: (line) => console.log(line) });
  console.log(
    result.applied.length === 0
      ? `Database is up to date (${result.alreadyApplied} migrations applied).`
      : `Applied ${result.applied.length} migration(s); ${result.alreadyApplied} were already applied.`,
  );
} catch (error) {
  console.error(error instanceof MigrationError || (error instanceof Error && error.name === "EnvError") ? error.message : error);
  process.exit(1);
}
