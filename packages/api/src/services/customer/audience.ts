/**
 * Turns a filter, a segment or a hand-picked selection into the customers it means, always within what the actor may
 * see (`visibleCustomersWhere`). The one translation the list, the counts, bulk actions and exports share.
 */
import { fieldKeysFromEnv } from "@kefu/db/env";
import { hashLookup, normalizePhone } from "@kefu/db/crypto";
import { type Prisma, type Db, type CustomFieldType } from "@kefu/db/client";
import { customerFilterSchema, type CustomerAudience, type CustomerCondition, type CustomerFilter, type CustomerLevelValue } from "../../contracts/customer.ts";
import type { Tx } from "../../domain-events/index.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { visibleCustomersWhere } from "./access.ts";

type Client = Db | Tx;
type Where = Prisma.CustomerWhereInput;
type FieldTypes = Map<number, CustomFieldType>;

/** A segment the actor may use: their own, or a shared one. */
export async function findUsableSegment(db: Client, actor: Actor, segmentId: number, field = "segmentId") {
  const segment = await db.segment.findUnique({ where: { id: segmentId }, select: { id: true, name: true, rules: true, shared: true, createdById: true } });
  if (!segment || (!segment.shared && segment.createdById !== actor.id)) throw new AppError("NOT_FOUND", { field });
  return segment;
}

/** A segment's stored filter; one saved by an older version that no longer parses matches nobody rather than everyone. */
export function segmentFilter(rules: Prisma.JsonValue): CustomerFilter | null {
  const parsed = customerFilterSchema.safeParse(rules);
  return parsed.success ? parsed.data : null;
}

const MATCH_NOBODY: Where = { id: { in: [] } };

function rangeWhere<T extends number | Date>(range: { min?: T; max?: T }) {
  return { ...(range.min !== undefined ? { gte: range.min } : {}), ...(range.max !== undefined ? { lte: range.max } : {}) };
}

function phoneWhere(phone: string): Where {
  return { phoneHash: hashLookup(fieldKeysFromEnv(), normalizePhone(phone)) };
}

async function csatAverageIds(db: Client, max: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ customerId: number }[]>`
    SELECT customerId FROM Conversation WHERE csatScore IS NOT NULL GROUP BY customerId HAVING AVG(csatScore) <= ${max}`;
  return rows.map((r) => Number(r.customerId));
}

function fieldValueWhere(type: CustomFieldType, condition: Extract<CustomerCondition, { kind: "field" }>, path: string): Prisma.CustomerFieldValueWhereInput {
  switch (condition.op) {
    case "isSet":
    case "isNotSet":
      return {};
    case "contains":
      return { textValue: { contains: condition.value } };
    case "numberRange":
      return { numberValue: rangeWhere(condition.range) };
    case "dateRange":
      return { dateValue: rangeWhere(condition.range) };
    case "optionIn":
      if (type === "MULTI_SELECT") return { OR: condition.options.map((option) => ({ optionValues: { array_contains: [option] } })) };
      return { textValue: { in: condition.options } };
    case "equals": {
      const value = condition.value;
      if (type === "NUMBER") {
        const number = Number(value);
        if (!Number.isFinite(number)) throw new AppError("INVALID_INPUT", { field: `${path}.value`, message: `${path}.value: must be a number` });
        return { numberValue: number };
      }
      if (type === "CHECKBOX") {
        if (value !== "true" && value !== "false")
          throw new AppError("INVALID_INPUT", { field: `${path}.value`, message: `${path}.value: must be true or false` });
        return { boolValue: value === "true" };
      }
      if (type === "DATE") {
        const day = new Date(`${value}T00:00:00.000Z`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(day.getTime()))
          throw new AppError("INVALID_INPUT", { field: `${path}.value`, message: `${path}.value: must be a date YYYY-MM-DD` });
        return { dateValue: { gte: day, lt: new Date(day.getTime() + 86_400_000) } };
      }
      if (type === "MULTI_SELECT") return { optionValues: { array_contains: [value] } };
      return { textValue: value };
    }
  }
}

async function conditionWhere(db: Client, condition: CustomerCondition, fieldTypes: FieldTypes, path: string): Promise<Where> {
  switch (condition.kind) {
    case "search": {
      // the exact kinds are looked up through their indexes first: OR-ing them into one clause would scan every customer
      const value = condition.value;
      const digits = value.replace(/\D/g, "");
      const looksLikePhone = digits.length >= 5 && /^[\d\s+()-]+$/.test(value);
      const [byIdentity, byField] = await Promise.all([
        db.customerIdentity.findMany({ where: { externalUserId: value }, select: { customerId: true } }),
        db.customer.findMany({
          where: { OR: [{ email: value }, { externalId: value }, ...(looksLikePhone ? [phoneWhere(value)] : [])] },
          select: { id: true },
        }),
      ]);
      const ids = [...new Set([...byIdentity.map((r) => r.customerId), ...byField.map((r) => r.id)])];
      // a phone number, an e-mail address or an exact id that was found is not also part of a name: skipping the
      // name (which no index can answer) keeps those searches fast
      const exactOnly = looksLikePhone || value.includes("@") || (ids.length > 0 && /\d/.test(value));
      if (exactOnly) return ids.length ? { id: { in: ids } } : MATCH_NOBODY;
      return { OR: [{ name: { contains: value } }, ...(ids.length ? [{ id: { in: ids } }] : [])] };
    }
    case "identity": {
      const rows = await db.customerIdentity.findMany({ where: { externalUserId: condition.value }, select: { customerId: true } });
      return rows.length ? { id: { in: rows.map((r) => r.customerId) } } : MATCH_NOBODY;
    }
    case "name":
      return { name: { contains: condition.value } };
    case "email":
      return { email: condition.value };
    case "externalId":
      return { externalId: condition.value };
    case "phone":
      return phoneWhere(condition.phone);
    case "level":
      return { level: { in: condition.levels } };
    case "tags":
      if (condition.op === "any") return { tags: { some: { tagId: { in: condition.tagIds } } } };
      if (condition.op === "none") return { tags: { none: { tagId: { in: condition.tagIds } } } };
      return { AND: condition.tagIds.map((tagId) => ({ tags: { some: { tagId } } })) };
    case "channel":
      return { identities: { some: { channel: { in: condition.channels } } } };
    case "firstSeen":
      return { firstSeenAt: rangeWhere(condition.range) };
    case "lastSeen":
      return { lastSeenAt: rangeWhere(condition.range) };
    case "conversationCount":
      return { conversationCount: rangeWhere(condition.range) };
    case "csatRated":
      return { conversations: { some: { csatScore: { not: null } } } };
    case "csatAverage": {
      const ids = await csatAverageIds(db, condition.max);
      return ids.length ? { id: { in: ids } } : MATCH_NOBODY;
    }
    case "ownerTeam":
      return {
        OR: [...(condition.teamIds.length ? [{ ownerTeamId: { in: condition.teamIds } }] : []), ...(condition.none ? [{ ownerTeamId: null }] : [])],
      };
    case "field": {
      const type = fieldTypes.get(condition.fieldId);
      if (!type) throw new AppError("NOT_FOUND", { field: `${path}.fieldId` });
      if (condition.op === "isNotSet") return { fieldValues: { none: { fieldId: condition.fieldId } } };
      return { fieldValues: { some: { fieldId: condition.fieldId, ...fieldValueWhere(type, condition, path) } } };
    }
  }
}

function combine(match: "all" | "any", parts: Where[]): Where {
  if (parts.length === 0) return {};
  return match === "all" ? { AND: parts } : { OR: parts };
}

/** The where clause of a filter (without the visibility rule). */
export async function filterWhere(db: Client, filter: CustomerFilter, basePath = "filter"): Promise<Where> {
  const fieldIds = filter.conditions.flatMap((c) => (c.kind === "group" ? c.conditions : [c])).flatMap((c) => (c.kind === "field" ? [c.fieldId] : []));
  const fields = fieldIds.length ? await db.customField.findMany({ where: { id: { in: fieldIds } }, select: { id: true, type: true } }) : [];
  const fieldTypes: FieldTypes = new Map(fields.map((f) => [f.id, f.type]));
  const parts: Where[] = [];
  for (const [index, condition] of filter.conditions.entries()) {
    const path = `${basePath}.conditions.${index}`;
    if (condition.kind === "group") {
      const inner: Where[] = [];
      for (const [innerIndex, c] of condition.conditions.entries()) inner.push(await conditionWhere(db, c, fieldTypes, `${path}.conditions.${innerIndex}`));
      parts.push(combine(condition.match, inner));
    } else {
      parts.push(await conditionWhere(db, condition, fieldTypes, path));
    }
  }
  return combine(filter.match, parts);
}

/** The customers an audience means that the actor may see. */
export async function audienceWhere(db: Client, actor: Actor, audience: CustomerAudience): Promise<Where> {
  const visible = await visibleCustomersWhere(db as Db, actor);
  if (audience.kind === "ids") return { AND: [visible, { id: { in: audience.ids } }] };
  if (audience.kind === "filter") return { AND: [visible, await filterWhere(db, audience.filter, "audience.filter")] };
  const segment = await findUsableSegment(db, actor, audience.segmentId, "audience.segmentId");
  const filter = segmentFilter(segment.rules);
  return { AND: [visible, filter ? await filterWhere(db, filter, "audience.segmentId") : MATCH_NOBODY] };
}

/** Levels in the order the database sorts them (the enum's order). */
export const LEVEL_ORDER: readonly CustomerLevelValue[] = ["NORMAL", "VIP", "SVIP"];
