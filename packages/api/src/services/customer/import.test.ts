import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decryptField, hashLookup } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { createHarness, type Harness } from "../../test/harness.ts";
import { handleCustomerImportErrors, handleCustomerImportUpload } from "../../rest/customer-import-api.ts";
import { localAttachmentStore } from "../attachment/index.ts";
import { createCustomerImport, dryRunCustomerImport, rejectedRowsOf, runCustomerImportJob, startCustomerImport } from "./index.ts";
import type { ImportMapping } from "../../contracts/customer-data.ts";

let h: Harness;
const store = localAttachmentStore(mkdtempSync(path.join(tmpdir(), "kefu-import-")));
const keys = fieldKeysFromEnv();
let teamId: number;

beforeAll(async () => {
  h = await createHarness();
  teamId = (await h.db.team.create({ data: { name: "华东大客户组" } })).id;
  await h.db.customField.create({ data: { key: "member_since", label: "入会日期", type: "DATE" } });
  await h.db.customField.create({ data: { key: "plan", label: "套餐", type: "SELECT", options: ["基础版", "专业版"], required: true } });
});
afterAll(async () => {
  await h.database.drop();
});

async function failure(call: () => Promise<unknown>): Promise<{ code: string; field?: string; rule?: string | number }> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field, rule: error.params?.rule };
    throw error;
  }
  throw new Error("expected a failure");
}

const csv = (lines: string[]) => ({ name: "客户.csv", bytes: new TextEncoder().encode(`\uFEFF${lines.join("\n")}\n`) });
const HEADER = "姓名,手机,邮箱,编号,等级,城市,标签,归属组,身份证,入会日期,套餐";
const MAPPING: ImportMapping = [
  { column: "姓名", target: "name" },
  { column: "手机", target: "phone" },
  { column: "邮箱", target: "email" },
  { column: "编号", target: "externalId" },
  { column: "等级", target: "level" },
  { column: "城市", target: "city" },
  { column: "标签", target: "tags" },
  { column: "归属组", target: "ownerTeam" },
  { column: "身份证", target: "idNumber" },
  { column: "入会日期", target: "custom:member_since" },
  { column: "套餐", target: "custom:plan" },
];

/** Uploads, runs the dry run, then the job; returns the dry run, the import row afterwards and its id. */
async function importFile(file: { name: string; bytes: Uint8Array }, matchBy: "PHONE" | "EMAIL" | "EXTERNAL_ID", mapping = MAPPING) {
  const upload = await createCustomerImport(h.db, h.users.ADMIN, file, store);
  const dryRun = await dryRunCustomerImport(h.db, h.users.ADMIN, { id: upload.id, mapping, matchBy }, store);
  await startCustomerImport(h.db, h.users.ADMIN, { id: upload.id, mapping, matchBy }, store);
  await runCustomerImportJob(h.db, { importId: upload.id }, store);
  const after = await h.db.customerImport.findUniqueOrThrow({ where: { id: upload.id } });
  return { upload, dryRun, after };
}

describe("customer import", () => {
  it("creates customers, rejects bad rows with reasons, and the dry run predicts the run", async () => {
    const { upload, dryRun, after } = await importFile(
      csv([
        HEADER,
        "张三,138 0013 8001,zhang@example.com,EXT-1,VIP,上海,重要，回头客;投诉,华东大客户组,310101199001011234,2024-03-01,专业版",
        "李四,13800138002,li@example.com,EXT-2,,北京,,,,,基础版",
        "王五,12345,wang@example.com,EXT-3,,,,,,,基础版",
        "赵六,13800138004,not-an-email,EXT-4,,,,,,,基础版",
        "钱七,13800138005,qian@example.com,EXT-5,钻石,,,,,,基础版",
        "孙八,13800138006,sun@example.com,EXT-6,,,,不存在的组,,,基础版",
        "周九,13800138007,zhou@example.com,EXT-7,,,,,,,",
        "吴十,13800138001,wu@example.com,EXT-8,,,,,,,基础版",
      ]),
      "PHONE",
    );
    expect(upload.headers).toEqual(HEADER.split(","));
    expect(dryRun).toMatchObject({ total: 8, created: 2, updated: 0, rejected: 6 });
    expect(dryRun.rejectedRows.map((row) => [row.rowNumber, row.reason])).toEqual([
      [4, "badPhone"],
      [5, "badEmail"],
      [6, "unknownLevel"],
      [7, "unknownTeam"],
      [8, "requiredCustomField"],
      [9, "duplicateInFile"],
    ]);
    expect(after).toMatchObject({ status: "DONE", totalRows: 8, processedRows: 8, createdCount: 2, updatedCount: 0, rejectedCount: 6 });

    const zhang = await h.db.customer.findFirstOrThrow({
      where: { phoneHash: hashLookup(keys, "13800138001") },
      include: { tags: { include: { tag: true } }, fieldValues: true, events: true },
    });
    expect(zhang).toMatchObject({ name: "张三", email: "zhang@example.com", externalId: "EXT-1", level: "VIP", city: "上海", ownerTeamId: teamId });
    expect(decryptField(keys, zhang.phoneEnc!)).toBe("13800138001");
    expect(decryptField(keys, zhang.idNumberEnc!)).toBe("310101199001011234");
    expect(zhang.idNumberMask).toBe("3101**********1234");
    expect(zhang.tags.map((t) => t.tag.name).sort()).toEqual(["回头客", "投诉", "重要"].sort());
    expect(zhang.fieldValues).toHaveLength(2);
    expect(zhang.events).toEqual([
      expect.objectContaining({ type: "imported", actorId: h.users.ADMIN.id, detail: { importId: upload.id, action: "created", row: 2 } }),
    ]);

    const job = await h.db.job.findUniqueOrThrow({ where: { dedupeKey: `customer.import:${upload.id}` } });
    expect(job).toMatchObject({ progressDone: 8, progressTotal: 8, createdById: h.users.ADMIN.id });
  });

  it("writes the rejected rows as they were, with the reason, for the error file", async () => {
    const { upload } = await importFile(csv([HEADER, "好人,13900139001,,,,,,,,,基础版", "坏人,13900,,,,,,,,,基础版"]), "PHONE");
    const rejected = await rejectedRowsOf(h.db, upload.id, store);
    expect(rejected.headers).toEqual(HEADER.split(","));
    expect(rejected.rows).toEqual([{ rowNumber: 3, cells: ["坏人", "13900", "", "", "", "", "", "", "", "", "基础版"], reason: "badPhone", column: "手机" }]);

    const describe = (row: { rowNumber: number; reason: string; column: string | null }) => `第 ${row.rowNumber} 行：${row.reason}（${row.column}）`;
    const response = await handleCustomerImportErrors(h.db, h.users.SUPERVISOR, String(upload.id), describe, { store });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // a byte order mark first, so Excel reads it as UTF-8
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(`${HEADER},error\n坏人,13900,,,,,,,,,基础版,第 3 行：badPhone（手机）\n`);
    // only managers may read it; to anyone else it does not exist
    expect((await handleCustomerImportErrors(h.db, h.users.AGENT, String(upload.id), describe, { store })).status).toBe(404);
    expect((await handleCustomerImportErrors(h.db, null, String(upload.id), describe, { store })).status).toBe(404);
  });

  it("updates instead of creating when the key matches: by phone, by email, by external id", async () => {
    const byPhone = await importFile(csv([HEADER, "张三丰,+86 138-0013-8001,,,SVIP,,新标签,,,,"]), "PHONE");
    expect(byPhone.dryRun).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    expect(byPhone.after).toMatchObject({ createdCount: 0, updatedCount: 1 });
    const zhang = await h.db.customer.findFirstOrThrow({ where: { externalId: "EXT-1" }, include: { tags: true, events: true } });
    // empty cells leave what the customer had
    expect(zhang).toMatchObject({ name: "张三丰", level: "SVIP", city: "上海", email: "zhang@example.com", idNumberMask: "3101**********1234" });
    expect(zhang.tags).toHaveLength(4);
    expect(zhang.events.map((e) => (e.detail as { action: string }).action)).toEqual(["created", "updated"]);

    const byEmail = await importFile(csv([HEADER, "李四（邮箱）,,LI@example.com,,,,,,,,"]), "EMAIL");
    expect(byEmail.after).toMatchObject({ createdCount: 0, updatedCount: 1, rejectedCount: 0 });
    expect((await h.db.customer.findFirstOrThrow({ where: { externalId: "EXT-2" } })).name).toBe("李四（邮箱）");

    const byExternalId = await importFile(csv([HEADER, ",,,EXT-2,VIP,,,,,,", "新客户,,,EXT-99,,,,,,,基础版"]), "EXTERNAL_ID");
    expect(byExternalId.after).toMatchObject({ createdCount: 1, updatedCount: 1, rejectedCount: 0 });
    expect((await h.db.customer.findFirstOrThrow({ where: { externalId: "EXT-2" } })).level).toBe("VIP");
  });

  it("refuses an external id another customer has", async () => {
    const { dryRun, after } = await importFile(csv([HEADER, "冒名,13700137001,,EXT-1,,,,,,,基础版"]), "PHONE");
    expect(dryRun.rejectedRows).toEqual([{ rowNumber: 2, reason: "externalIdTaken", column: "编号" }]);
    expect(after.rejectedCount).toBe(1);
  });

  it("reads XLSX as CSV", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("客户");
    sheet.addRow(HEADER.split(","));
    sheet.addRow(["表格客户", "13600136001", "sheet@example.com", "XLSX-1", "VIP", "杭州", "", "", "", new Date(Date.UTC(2023, 4, 6)), "基础版"]);
    sheet.addRow(["表格坏行", "136", "", "", "", "", "", "", "", "", "基础版"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { dryRun, after } = await importFile({ name: "客户.xlsx", bytes }, "PHONE");
    expect(dryRun).toMatchObject({ created: 1, rejected: 1 });
    expect(after).toMatchObject({ createdCount: 1, rejectedCount: 1 });
    const customer = await h.db.customer.findFirstOrThrow({ where: { externalId: "XLSX-1" }, include: { fieldValues: { include: { field: true } } } });
    expect(customer.fieldValues.find((v) => v.field.key === "member_since")?.dateValue?.toISOString()).toBe("2023-05-06T00:00:00.000Z");
  });

  it("a batch run again writes nothing twice: the checkpoint skips it, and the keys find what it created", async () => {
    const { upload } = await importFile(csv([HEADER, "重跑一,13500135001,,,,,,,,,基础版", "重跑二,13500135002,,,,,,,,,基础版"]), "PHONE");
    const count = () => h.db.customer.count({ where: { name: { startsWith: "重跑" } } });
    expect(await count()).toBe(2);
    // the job delivered twice
    await h.db.customerImport.update({ where: { id: upload.id }, data: { status: "RUNNING" } });
    await runCustomerImportJob(h.db, { importId: upload.id }, store);
    expect(await count()).toBe(2);
    expect(await h.db.customerEvent.count({ where: { customer: { name: { startsWith: "重跑" } } } })).toBe(2);
    // a batch written but not checkpointed (as if the worker died between the two)
    await h.db.customerImport.update({ where: { id: upload.id }, data: { status: "RUNNING", processedRows: 0 } });
    await runCustomerImportJob(h.db, { importId: upload.id }, store);
    expect(await count()).toBe(2);
  });

  it("bad mapping names the field and writes nothing", async () => {
    const upload = await createCustomerImport(h.db, h.users.ADMIN, csv([HEADER, "某人,13400134001,,,,,,,,,基础版"]), store);
    const before = await h.db.customer.count();
    const cases: [unknown, string][] = [
      [
        {
          id: upload.id,
          mapping: [
            { column: "不存在", target: "name" },
            { column: "手机", target: "phone" },
          ],
          matchBy: "PHONE",
        },
        "mapping.0.column",
      ],
      [
        {
          id: upload.id,
          mapping: [
            { column: "姓名", target: "name" },
            { column: "城市", target: "name" },
            { column: "手机", target: "phone" },
          ],
          matchBy: "PHONE",
        },
        "mapping.1.target",
      ],
      [
        {
          id: upload.id,
          mapping: [
            { column: "姓名", target: "custom:nope" },
            { column: "手机", target: "phone" },
          ],
          matchBy: "PHONE",
        },
        "mapping.0.target",
      ],
      [{ id: upload.id, mapping: [{ column: "姓名", target: "shoe size" }], matchBy: "PHONE" }, "mapping.0.target"],
      [{ id: upload.id, mapping: [{ column: "姓名", target: "name" }], matchBy: "PHONE" }, "matchBy"],
      [{ id: upload.id, mapping: [{ column: "手机", target: "phone" }], matchBy: "FAX" }, "matchBy"],
    ];
    for (const [input, field] of cases) {
      for (const call of [dryRunCustomerImport, startCustomerImport]) {
        const result = await failure(() => call(h.db, h.users.ADMIN, input, store));
        expect(result, JSON.stringify(input)).toMatchObject({ code: "INVALID_INPUT", field });
      }
    }
    expect(await h.db.customer.count()).toBe(before);
    expect(await h.db.customerImport.findUniqueOrThrow({ where: { id: upload.id } })).toMatchObject({ status: "UPLOADED", mapping: null });
    expect(await h.db.job.count({ where: { dedupeKey: `customer.import:${upload.id}` } })).toBe(0);
  });

  it("refuses files it cannot take, naming the rule", async () => {
    const cases: [{ name: string; bytes: Uint8Array }, string][] = [
      [{ name: "客户.txt", bytes: new TextEncoder().encode("a,b\n1,2\n") }, "format"],
      [{ name: "客户.xlsx", bytes: new TextEncoder().encode("not a zip") }, "unreadable"],
      [csv(["姓名,姓名", "a,b"]), "duplicateHeader"],
      [csv(["姓名,手机"]), "noRows"],
    ];
    for (const [file, rule] of cases) {
      const result = await failure(() => createCustomerImport(h.db, h.users.ADMIN, file, store));
      expect(result).toEqual({ code: "INVALID_INPUT", field: "file", rule });
    }
  });

  it("the upload route refuses a file over the limit, naming the rule, and anyone without customer.manage", async () => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(10)], "客户.csv"));
    const request = (headers: Record<string, string> = {}) =>
      new Request("http://localhost/api/customer-imports", { method: "POST", body: form, headers: { origin: "http://localhost", ...headers } });
    const tooLarge = await handleCustomerImportUpload(h.db, request({ "content-length": String(30 * 1024 * 1024) }), h.users.SUPERVISOR, { store });
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.json()).toMatchObject({ error: { code: "INVALID_INPUT", field: "file", rule: "tooLarge", params: { max: 20 } } });
    expect((await handleCustomerImportUpload(h.db, request(), h.users.AGENT, { store })).status).toBe(403);
    const uploaded = await handleCustomerImportUpload(
      h.db,
      new Request("http://localhost/api/customer-imports", {
        method: "POST",
        body: (() => {
          const ok = new FormData();
          ok.set("file", new File([`${HEADER}\n某人,13400134009,,,,,,,,,基础版\n`], "客户.csv"));
          return ok;
        })(),
        headers: { origin: "http://localhost" },
      }),
      h.users.SUPERVISOR,
      { store },
    );
    expect(uploaded.status).toBe(201);
    expect(await uploaded.json()).toMatchObject({ headers: HEADER.split(","), totalRows: 1 });
  });

  it("starts a new file with the same headers from the last mapping", async () => {
    const upload = await createCustomerImport(h.db, h.users.ADMIN, csv([HEADER, "某人,13400134001,,,,,,,,,基础版"]), store);
    expect(upload.remembered).toBe(true);
    expect(upload.matchBy).toBe("PHONE");
    expect(upload.mapping).toEqual(MAPPING);
    const fresh = await createCustomerImport(h.db, h.users.ADMIN, csv(["手机号码,客户姓名,备注", "13400134002,某某,x"]), store);
    expect(fresh).toMatchObject({
      remembered: false,
      matchBy: "PHONE",
      mapping: [
        { column: "手机号码", target: "phone" },
        { column: "客户姓名", target: "name" },
      ],
    });
  });
});
