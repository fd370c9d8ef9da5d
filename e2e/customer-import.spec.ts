import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import type { UpsertResult } from "mariadb";
import { withE2eDb } from "./fixtures";
import { ACCOUNTS, signInAndWait, toastWith } from "./helpers";

const stamp = Date.now().toString(36);

test("a manager imports a file with a bad row: dry run, run with progress, rejected rows downloaded", async ({ page }) => {
  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto("/customers/import");
  await expect(page.getByRole("heading", { name: "导入客户" })).toBeVisible();

  const suffix = String(Date.now()).slice(-7);
  const csv = ["姓名,手机,邮箱,等级", `导入甲${stamp},13${suffix}01,a-${stamp}@e2e.kefu.cn,VIP`, `导入乙${stamp},13${suffix}02,,`, `导入丙${stamp},123,,`].join(
    "\n",
  );
  await page.getByTestId("import-file").setInputFiles({ name: `客户-${stamp}.csv`, mimeType: "text/csv", buffer: Buffer.from(`${csv}\n`) });
  await page.getByRole("button", { name: "上传" }).click();

  // the columns are recognised from their headers
  await expect(page.getByRole("combobox", { name: "「手机」导入为" })).toHaveValue("phone");
  await expect(page.getByRole("combobox", { name: "「姓名」导入为" })).toHaveValue("name");

  await page.getByRole("button", { name: "试运行" }).click();
  const dryRun = page.getByTestId("dry-run");
  await expect(dryRun.locator('[data-count="created"]')).toHaveText("2");
  await expect(dryRun.locator('[data-count="rejected"]')).toHaveText("1");
  await expect(dryRun.getByRole("row").filter({ hasText: "手机号格式不正确" })).toContainText("4");

  await page.getByRole("button", { name: "开始导入" }).click();
  await expect(page.getByTestId("import-done")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "导入进度" })).toHaveAttribute("aria-valuenow", "3");
  await expect(page.getByTestId("import-counts").locator('[data-count="created"]')).toHaveText("2");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载被拒绝的行（CSV）" }).click();
  const download = await downloading;
  const text = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const [header, row, ...rest] = text.trim().split(/\r?\n/);
  expect(header).toBe("姓名,手机,邮箱,等级,error");
  expect(row).toContain(`导入丙${stamp},123,,`);
  expect(row).toContain("第 4 行：手机号格式不正确");
  expect(rest).toEqual([]);
});

test("a manager merges two customers from the duplicates page and undoes it", async ({ page }) => {
  const email = `dup-${stamp}@e2e.kefu.cn`;
  const [first, second] = [`重复甲${stamp}`, `重复乙${stamp}`];
  await withE2eDb(async (db) => {
    for (const name of [first, second]) await db.query<UpsertResult>("INSERT INTO `Customer` (name, email, updatedAt) VALUES (?, ?, NOW(3))", [name, email]);
  });

  await signInAndWait(page, ACCOUNTS.SUPERVISOR);
  await page.goto("/customers/duplicates");
  const group = page.locator("[data-duplicate-group]").filter({ hasText: email });
  await expect(group).toContainText("邮箱相同");
  await group.getByRole("button", { name: `合并到「${first}」` }).click();

  const dialog = page.getByRole("dialog", { name: "合并客户" });
  await expect(dialog).toContainText(`保留「${first}」`);
  await dialog.locator('[data-merge-field="name"]').getByRole("radio").nth(1).check();
  await dialog.getByRole("button", { name: "确认合并" }).click();
  await expect(toastWith(page, "已合并")).toBeVisible();
  await expect(group).toHaveCount(0);

  const merge = page
    .getByTestId("recent-merges")
    .getByRole("row")
    .filter({ hasText: `「${second}」→「${second}」` });
  await merge.getByRole("button", { name: "撤销合并" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "撤销合并" }).click();
  await expect(toastWith(page, "已撤销合并")).toBeVisible();
  await expect(page.getByTestId("recent-merges").getByRole("row").filter({ hasText: "已撤销" }).first()).toBeVisible();
  await expect(page.locator("[data-duplicate-group]").filter({ hasText: email })).toContainText(first);
});
