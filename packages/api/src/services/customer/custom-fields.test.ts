/** 自定义字段: definitions, and every type's values checked in one place (parseCustomFieldValue). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomFieldRawValue } from "../../contracts/custom-field.ts";
import { AppError } from "../../errors.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeConversation, makeCustomer } from "../conversation/test-fixtures.ts";
import { parseCustomFieldValue, type CustomFieldDefinition } from "./parse-custom-field-value.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const field = (type: CustomFieldDefinition["type"], extra: Partial<CustomFieldDefinition> = {}): CustomFieldDefinition => ({
  id: 1,
  key: "f",
  label: "字段",
  type,
  required: false,
  pattern: null,
  options: null,
  ...extra,
});

function refusal(definition: CustomFieldDefinition, raw: CustomFieldRawValue) {
  try {
    parseCustomFieldValue(definition, raw);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field, params: error.params };
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe("parseCustomFieldValue", () => {
  it("stores each type in its column", () => {
    expect(parseCustomFieldValue(field("TEXT", { pattern: "VIP\\d{6}" }), " VIP123456 ")).toMatchObject({ textValue: "VIP123456", numberValue: null });
    expect(parseCustomFieldValue(field("NUMBER"), "3.5")).toMatchObject({ numberValue: 3.5 });
    expect(parseCustomFieldValue(field("NUMBER"), -2)).toMatchObject({ numberValue: -2 });
    expect(parseCustomFieldValue(field("DATE"), "1990-02-28")).toMatchObject({ dateValue: new Date(Date.UTC(1990, 1, 28)) });
    expect(parseCustomFieldValue(field("DATE"), "2024/2/29")).toMatchObject({ dateValue: new Date(Date.UTC(2024, 1, 29)) });
    expect(parseCustomFieldValue(field("SELECT", { options: ["金融", "教育"] }), "教育")).toMatchObject({ textValue: "教育" });
    expect(parseCustomFieldValue(field("MULTI_SELECT", { options: ["读书", "旅行", "摄影"] }), ["摄影", "读书", "读书"])).toMatchObject({
      optionValues: ["读书", "摄影"],
    });
    expect(parseCustomFieldValue(field("MULTI_SELECT", { options: ["读书", "旅行"] }), "旅行，读书")).toMatchObject({ optionValues: ["读书", "旅行"] });
    expect(parseCustomFieldValue(field("LINK"), "https://shop.example.com/u/1")).toMatchObject({ textValue: "https://shop.example.com/u/1" });
    expect(parseCustomFieldValue(field("CHECKBOX"), true)).toMatchObject({ boolValue: true });
    expect(parseCustomFieldValue(field("CHECKBOX"), "否")).toMatchObject({ boolValue: false });
    expect(parseCustomFieldValue(field("TEXT"), "  ")).toBeNull();
    expect(parseCustomFieldValue(field("MULTI_SELECT", { options: ["a"] }), [])).toBeNull();
  });

  it("refuses bad values naming the field and the rule", () => {
    expect(refusal(field("TEXT", { required: true }), "")).toMatchObject({ code: "FIELD_VALUE_REQUIRED", field: "fields.f", params: { label: "字段" } });
    expect(refusal(field("NUMBER", { required: true }), null)).toMatchObject({ code: "FIELD_VALUE_REQUIRED" });
    expect(refusal(field("CHECKBOX", { required: true }), null)).toMatchObject({ code: "FIELD_VALUE_REQUIRED" });
    expect(refusal(field("MULTI_SELECT", { required: true, options: ["a"] }), [])).toMatchObject({ code: "FIELD_VALUE_REQUIRED" });
    expect(refusal(field("TEXT", { pattern: "VIP\\d{6}" }), "VIP12")).toMatchObject({ code: "FIELD_VALUE_PATTERN", params: { pattern: "VIP\\d{6}" } });
    // the pattern must match the whole value
    expect(refusal(field("TEXT", { pattern: "\\d+" }), "12ab")).toMatchObject({ code: "FIELD_VALUE_PATTERN" });
    expect(refusal(field("TEXT"), 12)).toMatchObject({ code: "FIELD_VALUE_FORMAT" });
    expect(refusal(field("NUMBER"), "12abc")).toMatchObject({ code: "FIELD_VALUE_FORMAT", params: { type: "NUMBER" } });
    expect(refusal(field("NUMBER"), "1e400")).toMatchObject({ code: "FIELD_VALUE_FORMAT" });
    expect(refusal(field("DATE"), "2023-02-29")).toMatchObject({ code: "FIELD_VALUE_FORMAT", params: { type: "DATE" } });
    expect(refusal(field("DATE"), "yesterday")).toMatchObject({ code: "FIELD_VALUE_FORMAT" });
    expect(refusal(field("LINK"), "javascript:alert(1)")).toMatchObject({ code: "FIELD_VALUE_FORMAT", params: { type: "LINK" } });
    expect(refusal(field("LINK"), "not a link")).toMatchObject({ code: "FIELD_VALUE_FORMAT" });
    expect(refusal(field("SELECT", { options: ["金融"] }), "餐饮")).toMatchObject({ code: "FIELD_VALUE_UNKNOWN_OPTION", params: { option: "餐饮" } });
    expect(refusal(field("MULTI_SELECT", { options: ["读书"] }), ["读书", "跳伞"])).toMatchObject({
      code: "FIELD_VALUE_UNKNOWN_OPTION",
      params: { option: "跳伞" },
    });
    expect(refusal(field("CHECKBOX"), "maybe")).toMatchObject({ code: "FIELD_VALUE_FORMAT" });
    expect(refusal(field("SELECT", { options: ["a"] }), ["a"])).toMatchObject({ code: "FIELD_VALUE_FORMAT" });
  });
});

describe("custom field definitions and values", () => {
  it("lets admins define, order and archive fields; others may not", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const card = await admin.customer.createField({ key: "member_card", label: "会员卡号", type: "TEXT", pattern: "VIP\\d{6}", required: false });
    const industry = await admin.customer.createField({ key: "industry", label: "所在行业", type: "SELECT", options: ["金融", "教育"] });
    expect(card).toMatchObject({ sortOrder: 0, pattern: "VIP\\d{6}", options: [] });
    expect(industry).toMatchObject({ sortOrder: 1, options: ["金融", "教育"] });

    expect(await outcome(() => admin.customer.createField({ key: "member_card", label: "重复", type: "TEXT" }))).toMatchObject({
      code: "CONFLICT",
      field: "key",
    });
    expect(await outcome(() => admin.customer.createField({ key: "x", label: "选择", type: "SELECT", options: [] }))).toMatchObject({ field: "options" });
    expect(await outcome(() => admin.customer.createField({ key: "y", label: "正则", type: "TEXT", pattern: "([" }))).toMatchObject({ field: "pattern" });
    expect(await outcome(() => admin.customer.createField({ key: "Bad Key", label: "键", type: "TEXT" }))).toMatchObject({ field: "key" });
    expect(await outcome(() => admin.customer.createField({ key: "z", label: "数字", type: "NUMBER", pattern: "\\d" }))).toMatchObject({ field: "pattern" });
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).customer.createField({ key: "s", label: "s", type: "TEXT" }))).toMatchObject({
      code: "FORBIDDEN",
    });

    await admin.customer.moveField({ id: industry.id, direction: "up" });
    expect((await admin.customer.listFields({})).map((f) => f.key)).toEqual(["industry", "member_card"]);
    await admin.customer.archiveField({ id: industry.id, archived: true });
    expect((await admin.customer.listFields({})).map((f) => f.key)).toEqual(["member_card"]);
    expect((await admin.customer.listFields({ includeArchived: true })).map((f) => f.key)).toEqual(["industry", "member_card"]);
    await admin.customer.archiveField({ id: industry.id, archived: false });
    await admin.customer.updateField({ id: industry.id, options: ["金融", "教育", "医疗"], label: "行业" });
    expect(await outcome(() => admin.customer.updateField({ id: card.id, options: ["a"] }))).toMatchObject({ field: "options" });
  });

  it("sets a value in the column of its type with an event; a refused value writes nothing", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const birthday = await admin.customer.createField({ key: "birthday", label: "生日", type: "DATE" });
    const hobbies = await admin.customer.createField({ key: "hobbies", label: "兴趣", type: "MULTI_SELECT", options: ["读书", "旅行"], required: true });
    const customer = await makeCustomer(h.db);
    const manager = h.callerFor(h.users.SUPERVISOR);

    expect(await manager.customer.setFieldValue({ customerId: customer.id, fieldId: birthday.id, value: "1990-05-01" })).toMatchObject({ value: "1990-05-01" });
    const stored = await h.db.customerFieldValue.findUniqueOrThrow({ where: { customerId_fieldId: { customerId: customer.id, fieldId: birthday.id } } });
    expect(stored).toMatchObject({ dateValue: new Date(Date.UTC(1990, 4, 1)), textValue: null });
    await manager.customer.setFieldValue({ customerId: customer.id, fieldId: hobbies.id, value: ["旅行"] });

    const refused = await outcome(() => manager.customer.setFieldValue({ customerId: customer.id, fieldId: hobbies.id, value: ["跳伞"] }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", appCode: "FIELD_VALUE_UNKNOWN_OPTION", field: "fields.hobbies" });
    expect(await outcome(() => manager.customer.setFieldValue({ customerId: customer.id, fieldId: hobbies.id, value: [] }))).toMatchObject({
      appCode: "FIELD_VALUE_REQUIRED",
    });
    expect(await outcome(() => manager.customer.setFieldValue({ customerId: customer.id, fieldId: birthday.id, value: "1990-13-01" }))).toMatchObject({
      appCode: "FIELD_VALUE_FORMAT",
    });
    expect(await outcome(() => manager.customer.setFieldValue({ customerId: customer.id, fieldId: 999_999, value: "x" }))).toMatchObject({ code: "NOT_FOUND" });

    const profile = await manager.customer.profile({ id: customer.id });
    expect(profile.fields.filter((f) => ["birthday", "hobbies"].includes(f.key)).map((f) => [f.key, f.value])).toEqual([
      ["birthday", "1990-05-01"],
      ["hobbies", ["旅行"]],
    ]);
    const events = await h.db.customerEvent.findMany({ where: { customerId: customer.id, type: "field_updated" } });
    expect(events).toHaveLength(2);
    expect(events[0]!.detail).toEqual({ changes: [{ field: "birthday", label: "生日", before: null, after: "1990-05-01" }] });

    // clearing removes the row
    await manager.customer.setFieldValue({ customerId: customer.id, fieldId: birthday.id, value: "" });
    expect(await h.db.customerFieldValue.count({ where: { customerId: customer.id, fieldId: birthday.id } })).toBe(0);

    const agent = await makeAgent(h.db);
    await makeConversation(h.db, { status: "ACTIVE", assigneeId: agent.id, customerId: customer.id });
    expect(
      await outcome(() => h.callerFor(agent).customer.setFieldValue({ customerId: customer.id, fieldId: birthday.id, value: "1990-05-01" })),
    ).toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
