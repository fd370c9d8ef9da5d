/** Exports: a job that streams the audience to CSV or XLSX; masked unless revealed by someone allowed, which is audited. */
import { readFile, rm } from "node:fs/promises";
import { protectPhone, encryptField } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueJobs } from "../../jobs/worker.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeTeam } from "../conversation/test-fixtures.ts";
import { openCustomerExport, startCustomerExport } from "./export-customers.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  for (const job of await h.db.job.findMany({ where: { type: "customer.export", status: "SUCCEEDED" }, select: { id: true } }))
    await rm((await openCustomerExport(h.db, h.users.ADMIN, job.id)).path, { force: true });
  await h.database.drop();
});

async function finish(jobId: number) {
  while ((await runDueJobs(h.db, "test-worker")) > 0);
  return h.db.job.findUniqueOrThrow({ where: { id: jobId } });
}

describe("customer export", () => {
  it("writes the audience with custom field columns, masked by default and in full for a revealing manager (audited)", async () => {
    const keys = fieldKeysFromEnv();
    const team = await makeTeam(h.db);
    const tag = await h.db.tag.create({ data: { name: "导出" } });
    const field = await h.db.customField.create({ data: { key: "memberCard", label: "会员卡号", type: "TEXT" } });
    const customers = [];
    for (let i = 0; i < 3; i++) {
      customers.push(
        await h.db.customer.create({
          data: {
            name: i === 2 ? "=HYPERLINK(1)" : `导出客户${i}`,
            level: "VIP",
            ...protectPhone(keys, `1390000000${i}`),
            idNumberEnc: encryptField(keys, `31010119900101123${i}`),
            idNumberMask: `3101**********123${i}`,
            ownerTeamId: team.id,
            tags: { create: { tagId: tag.id } },
            fieldValues: { create: { fieldId: field.id, textValue: `CARD-${i}` } },
          },
        }),
      );
    }
    await h.db.customer.create({ data: { name: "不导出", level: "NORMAL" } });
    const audience = { kind: "filter" as const, filter: { conditions: [{ kind: "level" as const, levels: ["VIP" as const] }] } };
    const admin = h.callerFor(h.users.ADMIN);

    const masked = await admin.customer.export({ audience, format: "csv" });
    expect(masked.total).toBe(3);
    const maskedJob = await finish(masked.jobId);
    expect(maskedJob).toMatchObject({
      status: "SUCCEEDED",
      progressDone: 3,
      progressTotal: 3,
      result: { kind: "export", rows: 3, revealed: false, format: "csv" },
    });
    const maskedFile = await openCustomerExport(h.db, h.users.ADMIN, masked.jobId);
    const rows: Record<string, string>[] = parse(await readFile(maskedFile.path), { columns: true, bom: true });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      id: String(customers[0]!.id),
      name: "导出客户0",
      phone: "139****0000",
      idNumber: "3101**********1230",
      level: "VIP",
      ownerTeam: team.name,
      tags: "导出",
      memberCard: "CARD-0",
    });
    // a cell that looks like a formula is kept as text
    expect(rows[2]!.name).toBe("'=HYPERLINK(1)");
    expect(await h.db.auditLog.count({ where: { action: "customer.revealExport" } })).toBe(0);

    const revealed = await admin.customer.export({ audience, format: "xlsx", includeFullValues: true });
    const revealedJob = await finish(revealed.jobId);
    expect(revealedJob.result).toMatchObject({ rows: 3, revealed: true, format: "xlsx" });
    const file = await openCustomerExport(h.db, h.users.ADMIN, revealed.jobId);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file.path);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const first = Object.fromEntries(header.map((name, i) => [String(name), sheet.getRow(2).getCell(i + 1).value]));
    expect(first).toMatchObject({ name: "导出客户0", phone: "13900000000", idNumber: "310101199001011230", memberCard: "CARD-0" });
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "customer.revealExport" } });
    expect(audit).toMatchObject({ actorId: h.users.ADMIN.id, targetType: "Job", targetId: String(revealed.jobId) });
    expect(audit.detail).toMatchObject({ export: revealed.jobId, rows: 3 });
    // the request itself is audited too, with the tick
    const request = await h.db.auditLog.findFirstOrThrow({ where: { action: "customer.export" }, orderBy: { id: "desc" } });
    expect(request.detail).toMatchObject({ input: { includeFullValues: true } });
  });

  it("hands the file to its creator only, and refuses revealing to whoever may not", async () => {
    await h.db.customer.create({ data: { name: "某客户" } });
    const started = await h.callerFor(h.users.ADMIN).customer.export({ audience: { kind: "filter", filter: {} } });
    await expect(openCustomerExport(h.db, h.users.ADMIN, started.jobId)).rejects.toMatchObject({ code: "EXPORT_NOT_READY" });
    await finish(started.jobId);
    await expect(openCustomerExport(h.db, h.users.SUPERVISOR, started.jobId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openCustomerExport(h.db, h.users.ADMIN, 999_999)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const jobs = await h.db.job.count();
    expect(await outcome(() => h.callerFor(h.users.QA).customer.export({ audience: { kind: "filter", filter: {} } }))).toMatchObject({ code: "FORBIDDEN" });
    // every role that may export may reveal today; the service still refuses one that may not
    await expect(startCustomerExport(h.db, h.users.AGENT, { audience: { kind: "filter", filter: {} }, includeFullValues: true })).rejects.toMatchObject({
      code: "REVEAL_NOT_ALLOWED",
      field: "includeFullValues",
    });
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).customer.export({ audience: { kind: "ids", ids: [1] }, format: "pdf" as never }))).toMatchObject(
      {
        code: "BAD_REQUEST",
        field: "format",
      },
    );
    expect(await h.db.job.count()).toBe(jobs);
  });
});
