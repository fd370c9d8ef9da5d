/** The demo seed's customer profiles read back through the profile services exactly as values they write. */
import { decryptField, maskIdNumber } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { seedDemo } from "@kefu/db/seed";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../conversation/index.ts";
import { getCustomerProfile } from "./get-customer-profile.ts";
import { getCustomerTimeline } from "./customer-timeline.ts";
import { parseCustomFieldValue, fieldValueOf } from "./parse-custom-field-value.ts";

let database: TestDatabase;
let admin: Actor;

beforeAll(async () => {
  database = await createTestDatabase("kefu_seed_profile");
  await seedDemo(database.url, { conversations: 300, customers: 120, articles: 10, now: new Date("2026-11-20T06:00:00Z") });
  const row = await database.db.user.findFirstOrThrow({ where: { role: "ADMIN" }, select: { id: true, role: true } });
  admin = row;
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

describe("seeded customer profiles", () => {
  it("defines the five demo fields and gives many customers values that pass the fields' own checks", async () => {
    const db = database.db;
    const fields = await db.customField.findMany({ orderBy: { sortOrder: "asc" } });
    expect(fields.map((f) => [f.key, f.type])).toEqual([
      ["member_card", "TEXT"],
      ["birthday", "DATE"],
      ["industry", "SELECT"],
      ["interests", "MULTI_SELECT"],
      ["subscribed", "CHECKBOX"],
    ]);
    const values = await db.customerFieldValue.findMany({ include: { field: true } });
    expect(new Set(values.map((v) => v.customerId)).size).toBeGreaterThan(60);
    for (const value of values) {
      const read = fieldValueOf(value.field, value);
      expect(read, value.field.key).not.toBeNull();
      const columns = parseCustomFieldValue(value.field, read);
      expect(columns, `${value.field.key} ${JSON.stringify(read)}`).toMatchObject({
        textValue: value.textValue,
        numberValue: value.numberValue,
        dateValue: value.dateValue,
        boolValue: value.boolValue,
      });
    }
  });

  it("encrypts some ID numbers with their mask, and the profile shows masks only", async () => {
    const db = database.db;
    const withId = await db.customer.findMany({ where: { idNumberEnc: { not: null } }, take: 10 });
    expect(withId.length).toBeGreaterThan(0);
    for (const customer of withId) expect(customer.idNumberMask).toBe(maskIdNumber(decryptField(fieldKeysFromEnv(), customer.idNumberEnc!)));
    const profile = await getCustomerProfile(db, admin, { id: withId[0]!.id });
    expect(profile.idNumberMask).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    if (profile.phoneMask) expect(profile.phoneMask).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it("has notes by staff, one mentioning a colleague, and customer events in the timeline", async () => {
    const db = database.db;
    const mentioned = (await db.customerNote.findMany()).filter((n) => Array.isArray(n.mentions) && n.mentions.length > 0);
    expect(mentioned).toHaveLength(1);
    const timeline = await getCustomerTimeline(db, admin, { id: mentioned[0]!.customerId, limit: 50 });
    expect(timeline.items.find((i) => i.kind === "note" && i.note.mentions.length === 1)).toBeDefined();
    const events = await db.customerEvent.findMany();
    expect(events.length).toBeGreaterThan(5);
    // the profile edits and tags of the demo staff, and the demo's finished import
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["field_updated", "profile_updated", "tag_added", "imported"]));
  });
});
