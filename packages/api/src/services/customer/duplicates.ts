/**
 * Suggested duplicates: customers sharing a phone (by its hash), an email, or a WeChat unionid. A suggestion someone
 * dismissed stays hidden until its members change. External ids are unique, so they never suggest anything.
 */
import { createHash } from "node:crypto";
import type { Db } from "@kefu/db/client";
import { phoneMaskOf } from "./protected-fields.ts";
import { DUPLICATE_GROUP_MAX, duplicateDismissInput, duplicateListInput, type DuplicateReason } from "../../contracts/customer-data.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";

interface GroupRow {
  value: string;
  ids: string;
}

const MEMBER_KEY_MAX = 191;

/** The suggestion's ids ascending; a very large group is remembered by the hash of that list. */
function memberKeyOf(ids: number[]): string {
  const key = [...ids].sort((a, b) => a - b).join(",");
  return key.length <= MEMBER_KEY_MAX ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

async function groupsBy(db: Db, reason: DuplicateReason, limit: number): Promise<GroupRow[]> {
  if (reason === "PHONE")
    return db.$queryRaw<GroupRow[]>`
      SELECT phoneHash AS value, GROUP_CONCAT(id ORDER BY id) AS ids FROM Customer
      WHERE mergedIntoId IS NULL AND erasedAt IS NULL AND phoneHash IS NOT NULL
      GROUP BY phoneHash HAVING COUNT(*) > 1 ORDER BY MAX(id) DESC LIMIT ${limit}`;
  if (reason === "EMAIL")
    return db.$queryRaw<GroupRow[]>`
      SELECT MIN(email) AS value, GROUP_CONCAT(id ORDER BY id) AS ids FROM Customer
      WHERE mergedIntoId IS NULL AND erasedAt IS NULL AND email IS NOT NULL AND email <> ''
      GROUP BY email HAVING COUNT(*) > 1 ORDER BY MAX(id) DESC LIMIT ${limit}`;
  return db.$queryRaw<GroupRow[]>`
    SELECT i.unionId AS value, GROUP_CONCAT(DISTINCT c.id ORDER BY c.id) AS ids FROM CustomerIdentity i
    JOIN Customer c ON c.id = i.customerId
    WHERE c.mergedIntoId IS NULL AND c.erasedAt IS NULL AND i.unionId IS NOT NULL
    GROUP BY i.unionId HAVING COUNT(DISTINCT c.id) > 1 ORDER BY MAX(c.id) DESC LIMIT ${limit}`;
}

/** The open suggestions, newest first, each with why its customers match and a summary of each. */
export async function listDuplicateGroups(db: Db, actor: Actor, rawInput: unknown) {
  const input = parseInput(duplicateListInput, rawInput);
  const found: { reason: DuplicateReason; value: string; ids: number[] }[] = [];
  for (const reason of ["PHONE", "UNION_ID", "EMAIL"] as const) {
    for (const row of await groupsBy(db, reason, input.limit)) found.push({ reason, value: row.value, ids: String(row.ids).split(",").map(Number) });
  }
  const dismissed = found.length
    ? await db.customerDuplicateDismissal.findMany({
        where: { memberKey: { in: found.map((group) => memberKeyOf(group.ids)) } },
        select: { reason: true, memberKey: true },
      })
    : [];
  const dismissedKeys = new Set(dismissed.map((row) => `${row.reason}:${row.memberKey}`));
  const open = found.filter((group) => !dismissedKeys.has(`${group.reason}:${memberKeyOf(group.ids)}`)).slice(0, input.limit);
  const ids = [...new Set(open.flatMap((group) => group.ids.slice(0, DUPLICATE_GROUP_MAX)))];
  const customers = ids.length
    ? await db.customer.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          name: true,
          phoneLast4: true,
          phoneEnc: true,
          email: true,
          externalId: true,
          level: true,
          city: true,
          conversationCount: true,
          lastSeenAt: true,
          createdAt: true,
        },
      })
    : [];
  // the cipher text stays on the server: the page gets the masked number
  const byId = new Map(
    customers.map(({ phoneEnc, ...customer }) => [customer.id, { ...customer, phone: phoneMaskOf({ phoneEnc, phoneLast4: customer.phoneLast4 }) ?? "" }]),
  );
  return open.map((group) => ({
    reason: group.reason,
    // the phone hash says nothing to people: the masked number does
    shared: group.reason === "PHONE" ? phoneMaskOf(customers.find((c) => c.id === group.ids[0]) ?? { phoneEnc: null, phoneLast4: null }) : group.value,
    memberKey: memberKeyOf(group.ids),
    memberIds: group.ids,
    customers: group.ids.slice(0, DUPLICATE_GROUP_MAX).flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
  }));
}

/** Says a suggestion is not a duplicate; it comes back if a customer joins or leaves it. */
export async function dismissDuplicateGroup(db: Db, actor: Actor, rawInput: unknown) {
  const input = parseInput(duplicateDismissInput, rawInput);
  const ids = [...new Set(input.customerIds)];
  if (ids.length < 2) throw new AppError("INVALID_INPUT", { field: "customerIds", params: { rule: "too_small", min: 2 } });
  const existing = await db.customer.count({ where: { id: { in: ids } } });
  if (existing !== ids.length) throw new AppError("NOT_FOUND", { field: "customerIds" });
  const memberKey = memberKeyOf(ids);
  await db.customerDuplicateDismissal.createMany({ data: [{ reason: input.reason, memberKey, dismissedById: actor.id }], skipDuplicates: true });
  return { reason: input.reason, memberKey };
}
