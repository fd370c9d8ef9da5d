// pnpm db:backup — a consistent, compressed, timestamped backup of DATABASE_URL's database into BACKUP_DIR,
// keeping the newest BACKUP_KEEP.
import { backupDatabase, BackupError, defaultBackupDir } from "../backup.ts";
import { backupEnv, dbEnv } from "../env.ts";

try {
  const { DATABASE_URL } = dbEnv();
  const { BACKUP_DIR, BACKUP_KEEP } = backupEnv();
  const started = Date.now();
  const result = await backupDatabase({ url: DATABASE_URL, dir: BACKUP_DIR ?? defaultBackupDir(), keep: BACKUP_KEEP });
  console.log(`Backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(2)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const file of result.removed) console.log(`Removed (beyond the newest ${BACKUP_KEEP}): ${file}`);
} catch (error) {
  console.error(error instanceof BackupError || (error instanceof Error && error.name === "EnvError") ? error.message : error);
  process.exit(1);
}
