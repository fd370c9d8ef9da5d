/** 客户列表: one page of the customers an audience means, in the chosen order, with a keyset cursor; and their count. */
import type { z } from "zod";
import type { Db, Prisma } from "@kefu/db/client";
import {
  customerCountInput,
  customerListInput,
  type CustomerCursor,
  type CustomerLevelValue,
  type CustomerListInput,
  type CustomerSort,
} from "../../contracts/customer.ts";
import { phoneMaskOf } from "./protected-fields.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { audienceWhere, LEVEL_ORDER } from "./audience.ts";

type Where = Prisma.CustomerWhereInput;

function cursorValue(sort: CustomerSort, cursor: CustomerCursor): Date | string | number {
  const { value } = cursor;
  const fail = () => new AppError("INVALID_INPUT", { field: "cursor.value", message: `cursor.value: does not fit the sort by ${sort.field}` });
  switch (sort.field) {
    case "lastSeenAt":
    case "firstSeenAt":
      if (!(value instanceof Date)) throw fail();
      return value;
    case "conversationCount":
      if (typeof value !== "number") throw fail();
      return value;
    case "name":
      if (typeof value !== "string") throw fail();
      return value;
    case "level":
      if (typeof value !== "string" || !LEVEL_ORDER.includes(value as CustomerLevelValue)) throw fail();
      return value;
  }
}

/** Rows after the cursor in the sort order (sort value, then id, both in the same direction). */
function afterCursor(sort: CustomerSort, cursor: CustomerCursor): Where {
  const value = cursorValue(sort, cursor);
  const desc = sort.direction === "desc";
  const idAfter = desc ? { lt: cursor.id } : { gt: cursor.id };
  if (sort.field === "level") {
    const index = LEVEL_ORDER.indexOf(value as CustomerLevelValue);
    const beyond = desc ? LEVEL_ORDER.slice(0, index) : LEVEL_ORDER.slice(index + 1);
    return { OR: [{ level: { in: [...beyond] } }, { level: value as CustomerLevelValue, id: idAfter }] };
  }
  const beyond = desc ? { lt: value } : { gt: value };
  return { OR: [{ [sort.field]: beyond }, { [sort.field]: value, id: idAfter }] };
}

const rowSelect = {
  id: true,
  name: true,
  phoneLast4: true,
  phoneEnc: true,
  email: true,
  externalId: true,
  level: true,
  city: true,
  firstSeenAt: true,
  lastSeenAt: true,
  conversationCount: true,
  erasedAt: true,
  ownerTeam: { select: { id: true, name: true } },
  tags: { select: { tag: { select: { id: true, name: true, color: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.CustomerSelect;

export async function listCustomers(db: Db, actor: Actor, rawInput: CustomerListInput) {
  const input = parseInput(customerListInput, rawInput);
  const where = await audienceWhere(db, actor, input.audience);
  const { sort } = input;
  const rows = await db.customer.findMany({
    where: input.cursor ? { AND: [where, afterCursor(sort, input.cursor)] } : where,
    orderBy: [{ [sort.field]: sort.direction }, { id: sort.direction }],
    take: input.limit + 1,
    select: rowSelect,
  });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(({ phoneLast4, phoneEnc, tags, ...row }) => ({
    ...row,
    phone: phoneMaskOf({ phoneEnc, phoneLast4 }),
    tags: tags.map((t) => t.tag),
  }));
  const last = items.at(-1);
  const nextCursor: CustomerCursor | undefined = hasMore && last ? { id: last.id, value: last[sort.field] } : undefined;
  return { items, nextCursor };
}

export type CustomerListRow = Awaited<ReturnType<typeof listCustomers>>["items"][number];

export async function countCustomers(db: Db, actor: Actor, rawInput: z.input<typeof customerCountInput>) {
  const input = parseInput(customerCountInput, rawInput);
  return { count: await db.customer.count({ where: await audienceWhere(db, actor, input.audience) }) };
}
