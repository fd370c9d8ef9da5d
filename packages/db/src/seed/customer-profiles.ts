/**
 * The customer profile's demo data: the custom fields admins would define (会员卡号, 生日, 所在行业, 兴趣, 已订阅) with
 * values on many customers, notes by the staff (one mentioning a colleague), and CustomerEvent rows, in the shapes
 * the profile services write (values in the column of their type, mentions as staff ids, events' before/after).
 */
import type * as mariadb from "mariadb";
import type { SqlValue } from "./bulk-insert.ts";
import type { BulkLoader } from "./bulk-insert.ts";
import { levelOf, type CustomerPlan } from "./customers.ts";
import type { StaffMember } from "./live-floor.ts";
import { Random } from "./random.ts";
import { DAY, HOUR } from "./time.ts";

export const DEMO_CUSTOM_FIELDS = [
  { key: "member_card", label: "会员卡号", type: "TEXT", pattern: "VIP\\d{6}", options: null, required: false },
  { key: "birthday", label: "生日", type: "DATE", pattern: null, options: null, required: false },
  { key: "industry", label: "所在行业", type: "SELECT", pattern: null, options: ["互联网", "金融", "教育", "医疗", "制造业", "零售", "餐饮"], required: false },
  { key: "interests", label: "兴趣", type: "MULTI_SELECT", pattern: null, options: ["数码", "美妆", "运动", "旅行", "读书", "母婴"], required: false },
  { key: "subscribed", label: "已订阅", type: "CHECKBOX", pattern: null, options: null, required: false },
] as const;

const NOTES = [
  "客户偏好电话回访，工作日 18 点后方便接听。",
  "上次退款已承诺 3 个工作日内到账，跟进时请先确认。",
  "客户对配送时效比较敏感，下单前请说明预计到达时间。",
  "企业采购，开票信息以邮件为准。",
  "客户表示不希望收到营销短信。",
  "老客户，沟通时语气要亲切，避免反复核实身份。",
  "曾投诉过售后响应慢，本次请优先处理。",
  "客户正在比较竞品价格，可适当介绍会员权益。",
];

function utcDay(ms: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export async function writeCustomerProfiles(
  connection: mariadb.Connection,
  loader: BulkLoader,
  options: { customers: CustomerPlan; staff: readonly StaffMember[]; now: number },
): Promise<void> {
  const { customers, staff, now } = options;
  const [row] = await connection.query<{ maxId: number | bigint | null }[]>("SELECT MAX(id) AS maxId FROM `CustomField`");
  const firstFieldId = Number(row?.maxId ?? 0) + 1;
  const fieldId = new Map<string, number>(DEMO_CUSTOM_FIELDS.map((f, i) => [f.key, firstFieldId + i]));

  const fields = loader.table("CustomField", ["id", "key", "label", "type", "options", "required", "pattern", "sortOrder", "createdAt", "updatedAt"] as const);
  const values = loader.table("CustomerFieldValue", [
    "customerId",
    "fieldId",
    "textValue",
    "numberValue",
    "dateValue",
    "boolValue",
    "optionValues",
    "updatedAt",
  ] as const);
  const notes = loader.table("CustomerNote", ["customerId", "authorId", "body", "mentions", "createdAt", "editedAt"] as const);
  const events = loader.table("CustomerEvent", ["customerId", "type", "actorId", "detail", "createdAt"] as const);

  const created = new Date(now - 120 * DAY);
  DEMO_CUSTOM_FIELDS.forEach((f, i) =>
    fields.add({
      id: firstFieldId + i,
      key: f.key,
      label: f.label,
      type: f.type,
      options: f.options ? JSON.stringify(f.options) : null,
      required: f.required,
      pattern: f.pattern,
      sortOrder: i,
      createdAt: created,
      updatedAt: created,
    }),
  );

  const agents = staff.filter((s) => s.definition.role === "AGENT");
  const managers = staff.filter((s) => s.definition.role === "SUPERVISOR" || s.definition.role === "ADMIN");
  const empty: Record<"textValue" | "numberValue" | "dateValue" | "boolValue" | "optionValues", SqlValue> = {
    textValue: null,
    numberValue: null,
    dateValue: null,
    boolValue: null,
    optionValues: null,
  };
  let mentionWritten = false;

  for (let index = 0; index < customers.count; index++) {
    const customerId = customers.firstId + index;
    const rng = Random.for("customer-profile", customerId);
    const updatedAt = new Date(now - rng.int(1, 80) * DAY);
    const value = (key: string, columns: Partial<typeof empty>) => values.add({ customerId, fieldId: fieldId.get(key)!, ...empty, ...columns, updatedAt });

    if (rng.chance(0.4)) value("member_card", { textValue: `VIP${rng.digits(6)}` });
    if (rng.chance(0.5)) value("birthday", { dateValue: utcDay(Date.UTC(rng.int(1965, 2004), rng.int(0, 11), rng.int(1, 28))) });
    const industry = rng.chance(0.6) ? rng.pick(DEMO_CUSTOM_FIELDS[2].options) : null;
    if (industry) value("industry", { textValue: industry });
    if (rng.chance(0.45)) {
      const chosen = DEMO_CUSTOM_FIELDS[3].options.filter(() => rng.chance(0.35));
      if (chosen.length) value("interests", { optionValues: JSON.stringify(chosen) });
    }
    if (rng.chance(0.7)) value("subscribed", { boolValue: rng.chance(0.6) });

    const manager = managers.length ? rng.pick(managers) : null;
    if (industry && manager && rng.chance(0.3)) {
      events.add({
        customerId,
        type: "field_updated",
        actorId: manager.id,
        detail: JSON.stringify({ changes: [{ field: "industry", label: "所在行业", before: null, after: industry }] }),
        createdAt: updatedAt,
      });
    }
    if (levelOf(customers, index) !== "NORMAL" && manager && rng.chance(0.4)) {
      events.add({
        customerId,
        type: "profile_updated",
        actorId: manager.id,
        detail: JSON.stringify({ changes: [{ field: "level", before: "NORMAL", after: levelOf(customers, index) }] }),
        createdAt: new Date(now - rng.int(5, 85) * DAY),
      });
    }
    if (rng.chance(0.1) && manager) {
      events.add({
        customerId,
        type: "tag_added",
        actorId: manager.id,
        detail: JSON.stringify({ tag: "高价值" }),
        createdAt: new Date(now - rng.int(1, 60) * DAY),
      });
    }

    if (agents.length && rng.chance(0.08)) {
      const author = rng.pick(agents);
      const at = now - rng.int(1, 60) * DAY - rng.int(0, 23) * HOUR;
      const colleague = agents.find((a) => a.id !== author.id) ?? null;
      const mention: boolean = !mentionWritten && colleague !== null;
      notes.add({
        customerId,
        authorId: author.id,
        body: mention && colleague ? `${rng.pick(NOTES)} @${colleague.definition.name} 请留意。` : rng.pick(NOTES),
        mentions: JSON.stringify(mention && colleague ? [colleague.id] : []),
        createdAt: new Date(at),
        editedAt: null,
      });
      mentionWritten ||= mention;
    }
  }
}
