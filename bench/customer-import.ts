/**
 * Customer import at scale: 100,000 generated CSV rows (a tenth of them updating customers that already exist, a few
 * hundred rejected) through the upload, dry run and the import job's handler, into a throwaway database. Prints
 * rows/s, seconds per phase and peak RSS, and writes them to bench/results/customer-import.json.
 *
 *   pnpm exec tsx bench/customer-import.ts [rows]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { protectPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { createTestDatabase } from "@kefu/db/test-database";
import { localAttachmentStore } from "../packages/api/src/services/attachment/index.ts";
import { createCustomerImport, dryRunCustomerImport, runCustomerImportJob, startCustomerImport } from "../packages/api/src/services/customer/index.ts";

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "results", "customer-import.json");
const ROWS = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(ROWS) || ROWS < 100 || ROWS > 1_000_000) throw new Error(`rows: expected a whole number from 100 to 1,000,000, got "${process.argv[2]}"`);
const EXISTING = Math.floor(ROWS / 10);
const LEVELS = ["普通", "VIP", "SVIP"];
const CITIES = ["上海", "北京", "杭州", "深圳", "成都"];

const phoneOf = (i: number) => `139${String(i).padStart(8, "0")}`;

function csvRows(): string {
  const lines = ["姓名,手机,邮箱,编号,等级,城市,标签,归属组,身份证,套餐"];
  for (let i = 0; i < ROWS; i++) {
    const bad = i % 500 === 499;
    const idNumber = i % 7 === 0 ? `3101011990${String(i % 10_000).padStart(4, "0")}123X` : "";
    lines.push(
      [
        `客户${i}`,
        bad ? "12345" : phoneOf(i),
        `c${i}@example.com`,
        `B-${i}`,
        LEVELS[i % 3],
        CITIES[i % 5],
        i % 4 === 0 ? "导入;老客户" : "",
        i % 9 === 0 ? "华东组" : "",
        idNumber,
        i % 2 ? "基础版" : "专业版",
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

const database = await createTestDatabase("kefu_bench");
const storeDir = mkdtempSync(join(tmpdir(), "kefu-import-bench-"));
try {
  const db = database.db;
  const keys = fieldKeysFromEnv();
  const admin = await db.user.create({ data: { employeeNo: "B0001", name: "基准", email: "bench@kefu.cn", role: "ADMIN", passwordHash: "-" } });
  const actor = { id: admin.id, name: admin.name, employeeNo: admin.employeeNo, role: admin.role, sessionVersion: admin.sessionVersion, locale: admin.locale };
  await db.team.create({ data: { name: "华东组" } });
  await db.customField.create({ data: { key: "plan", label: "套餐", type: "SELECT", options: ["基础版", "专业版"] } });
  for (let start = 0; start < EXISTING; start += 5_000) {
    await db.customer.createMany({
      data: Array.from({ length: Math.min(5_000, EXISTING - start) }, (_, k) => ({
        name: `老客户${start + k}`,
        ...protectPhone(keys, phoneOf((start + k) * 10)),
      })),
    });
  }
  const store = localAttachmentStore(storeDir);
  const file = { name: "bench.csv", bytes: new TextEncoder().encode(csvRows()) };
  const mapping = [
    { column: "姓名", target: "name" },
    { column: "手机", target: "phone" },
    { column: "邮箱", target: "email" },
    { column: "编号", target: "externalId" },
    { column: "等级", target: "level" },
    { column: "城市", target: "city" },
    { column: "标签", target: "tags" },
    { column: "归属组", target: "ownerTeam" },
    { column: "身份证", target: "idNumber" },
    { column: "套餐", target: "custom:plan" },
  ];

  const t0 = performance.now();
  const upload = await createCustomerImport(db, actor, file, store);
  const t1 = performance.now();
  const dryRun = await dryRunCustomerImport(db, actor, { id: upload.id, mapping, matchBy: "PHONE" }, store);
  const t2 = performance.now();
  await startCustomerImport(db, actor, { id: upload.id, mapping, matchBy: "PHONE" }, store);
  await runCustomerImportJob(db, { importId: upload.id }, store);
  const t3 = performance.now();
  const done = await db.customerImport.findUniqueOrThrow({ where: { id: upload.id } });

  const seconds = (ms: number) => Math.round(ms) / 1000;
  const runSeconds = seconds(t3 - t2);
  const figures = {
    measuredAt: new Date().toISOString(),
    rows: ROWS,
    fileBytes: file.bytes.byteLength,
    existingCustomers: EXISTING,
    counts: { created: done.createdCount, updated: done.updatedCount, rejected: done.rejectedCount },
    dryRunCounts: { created: dryRun.created, updated: dryRun.updated, rejected: dryRun.rejected, byReason: dryRun.byReason },
    seconds: { upload: seconds(t1 - t0), dryRun: seconds(t2 - t1), run: runSeconds, endToEnd: seconds(t3 - t0) },
    rowsPerSecond: { run: Math.round(ROWS / runSeconds), endToEnd: Math.round(ROWS / seconds(t3 - t0)) },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
  console.info(`${ROWS} rows: created ${done.createdCount}, updated ${done.updatedCount}, rejected ${done.rejectedCount}`);
  console.info(`upload ${figures.seconds.upload} s, dry run ${figures.seconds.dryRun} s, run ${runSeconds} s (${figures.rowsPerSecond.run} rows/s)`);
  console.info(`end to end ${figures.seconds.endToEnd} s (${figures.rowsPerSecond.endToEnd} rows/s), peak RSS ${figures.peakRssMb} MB; written to ${RESULTS}`);
} finally {
  await database.drop();
  rmSync(storeDir, { recursive: true, force: true });
}
