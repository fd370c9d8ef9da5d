/** Tags for pickers (the filter builder, bulk actions) and creating one on the spot. */
import type { Db } from "@kefu/db/client";
import { tagCreateInput, tagListInput } from "../../contracts/customer.ts";
import type { z } from "zod";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";

const TAG_PICKER_LIMIT = 200;

/** Tags whose name contains the query, with how many customers carry each. */
export async function listTags(db: Db, rawInput: z.input<typeof tagListInput> = {}) {
  const input = parseInput(tagListInput, rawInput);
  const tags = await db.tag.findMany({
    where: input.query ? { name: { contains: input.query } } : {},
    orderBy: { name: "asc" },
    take: TAG_PICKER_LIMIT,
    select: { id: true, name: true, color: true, _count: { select: { customers: true } } },
  });
  return tags.map(({ _count, ...tag }) => ({ ...tag, customerCount: _count.customers }));
}

export async function createTag(db: Db, rawInput: z.input<typeof tagCreateInput>) {
  const input = parseInput(tagCreateInput, rawInput);
  const existing = await db.tag.findUnique({ where: { name: input.name }, select: { id: true } });
  if (existing) throw new AppError("TAG_NAME_TAKEN", { field: "name", params: { name: input.name } });
  return runUnitOfWork(db, (uow) =>
    uow.tx.tag.create({ data: { name: input.name, ...(input.color ? { color: input.color } : {}) }, select: { id: true, name: true, color: true } }),
  );
}
