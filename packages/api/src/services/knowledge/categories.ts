/**
 * The help centre's category tree (KbCategory: a parent and its sub-categories).
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";

/** Every category (flat, with parentId; display order) and its article counts. */
export async function listCategories(db: Db) {
  const [categories, counts] = await Promise.all([
    db.kbCategory.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, parentId: true, sortOrder: true } }),
    db.kbArticle.groupBy({ by: ["categoryId", "status"], _count: { _all: true } }),
  ]);
  const total = new Map<number, number>();
  const published = new Map<number, number>();
  for (const row of counts) {
    if (row.categoryId === null) continue;
    total.set(row.categoryId, (total.get(row.categoryId) ?? 0) + row._count._all);
    if (row.status === "PUBLISHED") published.set(row.categoryId, row._count._all);
  }
  return categories.map((c) => ({ ...c, articleCount: total.get(c.id) ?? 0, publishedCount: published.get(c.id) ?? 0 }));
}

/** The category and all categories below it; NOT_FOUND (naming `field`) when it does not exist. */
export async function categoryWithDescendants(db: Db, categoryId: number, field = "categoryId"): Promise<number[]> {
  const categories = await db.kbCategory.findMany({ select: { id: true, parentId: true } });
  if (!categories.some((c) => c.id === categoryId)) throw new AppError("NOT_FOUND", { field });
  const ids = new Set([categoryId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of categories) {
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return [...ids];
}

export async function assertCategoryExists(db: Db, categoryId: number | null | undefined): Promise<void> {
  if (categoryId === null || categoryId === undefined) return;
  if (!(await db.kbCategory.count({ where: { id: categoryId } }))) throw new AppError("NOT_FOUND", { field: "categoryId" });
}
