// Runs `prisma generate` offline. The Prisma CLI wants its schema-engine binary for every
// command and tries to download it; generate never uses it, so any executable stands in.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stub = join(root, "node_modules", ".cache", "schema-engine-stub");
if (!existsSync(stub)) {
  mkdirSync(dirname(stub), { recursive: true });
  writeFileSync(stub, "#!/bin/sh\necho 'schema engine not available offline' >&2\nexit 1\n");
  chmodSync(stub, 0o755);
}
const result = spawnSync("prisma", ["generate"], {
  cwd: root,
  stdio: "inherit",
  shell: process.platform === "win32",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    DATABASE_URL: process.env.DATABASE_URL ?? "mysql://root@127.0.0.1:3306/kefu",
  },
});
process.exit(result.status ?? 1);
