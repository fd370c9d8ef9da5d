/** 客户列表: search by each kind, filters and their AND / OR, sort with keyset paging, and who sees whom. */
import { protectPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import type { Prisma } from "@kefu/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER_SORT_FIELDS, type CustomerCondition, type CustomerCursor, type CustomerFilterInput } from "../../contracts/customer.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeTeam } from "../conversation/test-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

let batch = 0;
/** a name prefix only this test's customers carry, so tests sharing the database stay apart */
const newMarker = () => `批${process.pid % 1000}x${++batch}号`;

async function customer(marker: string, data: Partial<Prisma.CustomerUncheckedCreateInput> & { suffix?: string } = {}) {
  const { suffix, ...rest } = data;
  return h.db.customer.create({ data: { name: `${marker}${suffix ?? ""}`, ...rest }, select: { id: true } });
}

const admin = () => h.callerFor(h.users.ADMIN);
const within = (marker: string, ...conditions: CustomerCondition[]): CustomerFilterInput => ({
  match: "all",
  conditions: [{ kind: "name", value: marker }, ...conditions],
});
async function idsOf(filter: CustomerFilterInput, caller = admin()) {
  const page = await caller.customer.list({ audience: { kind: "filter", filter }, limit: 100 });
  return page.items.map((c) => c.id).sort((a, b) => a - b);
}

describe("search", () => {
  it("finds a customer by name, e-mail, CRM id, channel identity and phone", async () => {
    const m = newMarker();
    const phone = protectPhone(fieldKeysFromEnv(), "+86 138-0013-8000");
    const target = await customer(m, {
      suffix: "王芳",
      email: `${m}@example.cn`,
      externalId: `CRM-${m}`,
      ...phone,
      identities: { create: { channel: "WECHAT", externalUserId: `openid-${m}` } },
    });
    const other = await customer(m, { suffix: "李雷" });
    const search = async (value: string) => idsOf({ conditions: [{ kind: "search", value }] });
    expect(await search(`${m}王`)).toEqual([target.id]);
    expect(await search(`${m}@example.cn`)).toEqual([target.id]);
    expect(await search(`CRM-${m}`)).toEqual([target.id]);
    expect(await search(`openid-${m}`)).toEqual([target.id]);
    expect(await search("138 0013 8000")).toEqual([target.id]);
    expect(await idsOf({ conditions: [{ kind: "phone", phone: "13800138000" }] })).toEqual([target.id]);
    expect(await idsOf(within(m, { kind: "email", value: `${m}@example.cn` }))).toEqual([target.id]);
    expect(await idsOf(within(m, { kind: "externalId", value: `CRM-${m}` }))).toEqual([target.id]);
    expect(await idsOf(within(m, { kind: "identity", value: `openid-${m}` }))).toEqual([target.id]);
    // exact kinds do not match a part
    expect(await search(`CRM-${m}`.slice(0, -1))).toEqual([]);
    expect(await idsOf(within(m))).toEqual([target.id, other.id]);

    const row = (await admin().customer.list({ audience: { kind: "ids", ids: [target.id] } })).items[0]!;
    expect(row.phone).toBe("138****8000");
    expect(row).not.toHaveProperty("phoneEnc");
    expect(row).not.toHaveProperty("phoneHash");
  });
});

describe("filters", () => {
  it("filters by level, tags, channel, seen dates, conversation count, CSAT, owner team and custom fields", async () => {
    const m = newMarker();
    const team = await makeTeam(h.db);
    const [vip, complaint] = await Promise.all([h.db.tag.create({ data: { name: `${m}VIP客` } }), h.db.tag.create({ data: { name: `${m}投诉` } })]);
    const day = (d: number) => new Date(Date.UTC(2026, 10, d));
    const a = await customer(m, {
      suffix: "A",
      level: "VIP",
      lastSeenAt: day(20),
      firstSeenAt: day(1),
      conversationCount: 7,
      ownerTeamId: team.id,
      identities: { create: { channel: "APP", externalUserId: `app-${m}` } },
      tags: { create: [{ tagId: vip.id }, { tagId: complaint.id }] },
    });
    const b = await customer(m, {
      suffix: "B",
      level: "SVIP",
      lastSeenAt: day(10),
      firstSeenAt: day(2),
      conversationCount: 2,
      tags: { create: [{ tagId: vip.id }] },
    });
    const c = await customer(m, { suffix: "C", lastSeenAt: day(5), firstSeenAt: day(3), conversationCount: 0 });
    await h.db.conversation.createMany({
      data: [
        { customerId: a.id, channel: "APP", status: "RESOLVED", csatScore: 2 },
        { customerId: a.id, channel: "APP", status: "RESOLVED", csatScore: 3 },
        { customerId: b.id, channel: "WEB", status: "RESOLVED", csatScore: 5 },
        { customerId: c.id, channel: "WEB", status: "RESOLVED" },
      ],
    });
    const card = await h.db.customField.create({ data: { key: `card${batch}`, label: "会员卡号", type: "TEXT" } });
    const spend = await h.db.customField.create({ data: { key: `spend${batch}`, label: "消费额", type: "NUMBER" } });
    const hobby = await h.db.customField.create({ data: { key: `hobby${batch}`, label: "爱好", type: "MULTI_SELECT", options: ["游泳", "读书"] } });
    const industry = await h.db.customField.create({ data: { key: `industry${batch}`, label: "行业", type: "SELECT", options: ["零售", "教育"] } });
    await h.db.customerFieldValue.createMany({
      data: [
        { customerId: a.id, fieldId: card.id, textValue: "VIP-0001" },
        { customerId: a.id, fieldId: spend.id, numberValue: 1200 },
        { customerId: b.id, fieldId: spend.id, numberValue: 80 },
        { customerId: a.id, fieldId: hobby.id, optionValues: ["游泳", "读书"] },
        { customerId: b.id, fieldId: hobby.id, optionValues: ["读书"] },
        { customerId: c.id, fieldId: industry.id, textValue: "教育" },
      ],
    });

    const expectIds = async (condition: CustomerCondition, expected: { id: number }[]) =>
      expect(await idsOf(within(m, condition)), JSON.stringify(condition)).toEqual(expected.map((x) => x.id).sort((x, y) => x - y));

    await expectIds({ kind: "level", levels: ["VIP", "SVIP"] }, [a, b]);
    await expectIds({ kind: "tags", op: "any", tagIds: [vip.id, complaint.id] }, [a, b]);
    await expectIds({ kind: "tags", op: "all", tagIds: [vip.id, complaint.id] }, [a]);
    await expectIds({ kind: "tags", op: "none", tagIds: [complaint.id] }, [b, c]);
    await expectIds({ kind: "channel", channels: ["APP"] }, [a]);
    await expectIds({ kind: "lastSeen", range: { min: day(9), max: day(21) } }, [a, b]);
    await expectIds({ kind: "firstSeen", range: { max: day(2) } }, [a, b]);
    await expectIds({ kind: "conversationCount", range: { min: 5 } }, [a]);
    await expectIds({ kind: "conversationCount", range: { max: 2 } }, [b, c]);
    await expectIds({ kind: "csatRated" }, [a, b]);
    await expectIds({ kind: "csatAverage", max: 2.5 }, [a]);
    await expectIds({ kind: "ownerTeam", teamIds: [team.id], none: false }, [a]);
    await expectIds({ kind: "ownerTeam", teamIds: [], none: true }, [b, c]);
    await expectIds({ kind: "field", fieldId: card.id, op: "equals", value: "VIP-0001" }, [a]);
    await expectIds({ kind: "field", fieldId: card.id, op: "contains", value: "0001" }, [a]);
    await expectIds({ kind: "field", fieldId: spend.id, op: "numberRange", range: { min: 100 } }, [a]);
    await expectIds({ kind: "field", fieldId: spend.id, op: "equals", value: "80" }, [b]);
    await expectIds({ kind: "field", fieldId: spend.id, op: "isSet" }, [a, b]);
    await expectIds({ kind: "field", fieldId: spend.id, op: "isNotSet" }, [c]);
    await expectIds({ kind: "field", fieldId: hobby.id, op: "optionIn", options: ["游泳"] }, [a]);
    await expectIds({ kind: "field", fieldId: hobby.id, op: "optionIn", options: ["读书"] }, [a, b]);
    await expectIds({ kind: "field", fieldId: industry.id, op: "optionIn", options: ["教育", "零售"] }, [c]);

    // AND, OR and one level of groups
    const level: CustomerCondition = { kind: "level", levels: ["SVIP"] };
    const owner: CustomerCondition = { kind: "ownerTeam", teamIds: [team.id], none: false };
    expect(await idsOf({ match: "all", conditions: [{ kind: "name", value: m }, level, owner] })).toEqual([]);
    expect(
      await idsOf({
        match: "all",
        conditions: [
          { kind: "name", value: m },
          { kind: "group", match: "any", conditions: [level, owner] },
        ],
      }),
    ).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect(
      await idsOf({
        match: "any",
        conditions: [
          { kind: "group", match: "all", conditions: [{ kind: "name", value: m }, level] },
          {
            kind: "group",
            match: "all",
            conditions: [
              { kind: "name", value: m },
              { kind: "conversationCount", range: { max: 0 } },
            ],
          },
        ],
      }),
    ).toEqual([b.id, c.id].sort((x, y) => x - y));
    expect((await admin().customer.count({ audience: { kind: "filter", filter: within(m, { kind: "csatRated" }) } })).count).toBe(2);
  });

  it("refuses bad input naming the field and the rule", async () => {
    const list = (filter: unknown) => outcome(() => admin().customer.list({ audience: { kind: "filter", filter } } as never));
    expect(await list({ conditions: [{ kind: "name", value: "x".repeat(65) }] })).toMatchObject({
      code: "BAD_REQUEST",
      field: "audience.filter.conditions.0.value",
    });
    expect(await list({ conditions: [{ kind: "level", levels: [] }] })).toMatchObject({ code: "BAD_REQUEST", field: "audience.filter.conditions.0.levels" });
    expect(await list({ conditions: [{ kind: "conversationCount", range: { min: 5, max: 1 } }] })).toMatchObject({
      code: "BAD_REQUEST",
      field: "audience.filter.conditions.0.range.max",
    });
    expect(await list({ conditions: Array.from({ length: 21 }, () => ({ kind: "csatRated" })) })).toMatchObject({
      code: "BAD_REQUEST",
      field: "audience.filter.conditions",
    });
    expect(await list({ conditions: [{ kind: "field", fieldId: 999_999, op: "isSet" }] })).toMatchObject({
      code: "NOT_FOUND",
      field: "audience.filter.conditions.0.fieldId",
    });
    expect(await list({ conditions: [{ kind: "tags", op: "any", tagIds: [-1] }] })).toMatchObject({
      code: "BAD_REQUEST",
      field: "audience.filter.conditions.0.tagIds.0",
    });
    expect(await outcome(() => admin().customer.list({ sort: { field: "name", direction: "asc" }, cursor: { id: 1, value: new Date() } }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "cursor.value",
    });
    expect(await outcome(() => admin().customer.list({ audience: { kind: "segment", segmentId: 999_999 } }))).toMatchObject({
      code: "NOT_FOUND",
      field: "audience.segmentId",
    });
  });
});

describe("sort and keyset paging", () => {
  it("walks every sort field both ways without duplicates or gaps, ties broken by id", async () => {
    const m = newMarker();
    const levels = ["NORMAL", "VIP", "SVIP"] as const;
    for (let i = 0; i < 23; i++) {
      await customer(m, {
        suffix: String.fromCharCode(65 + (i % 5)),
        level: levels[i % 3],
        conversationCount: i % 4,
        lastSeenAt: new Date(Date.UTC(2026, 9, 1 + (i % 6))),
        firstSeenAt: new Date(Date.UTC(2026, 8, 1 + (i % 7))),
      });
    }
    const all = await h.db.customer.findMany({
      where: { name: { startsWith: m } },
      select: { id: true, name: true, level: true, conversationCount: true, lastSeenAt: true, firstSeenAt: true },
    });
    const rank = { NORMAL: 0, VIP: 1, SVIP: 2 };
    for (const field of CUSTOMER_SORT_FIELDS) {
      for (const direction of ["asc", "desc"] as const) {
        const key = (c: (typeof all)[number]) => (field === "level" ? rank[c.level] : field.endsWith("At") ? (c[field] as Date).getTime() : c[field]);
        const sign = direction === "asc" ? 1 : -1;
        const expected = [...all].sort((x, y) => sign * (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : x.id - y.id)).map((c) => c.id);
        const seen: number[] = [];
        let cursor: CustomerCursor | undefined;
        do {
          const page = await admin().customer.list({ audience: { kind: "filter", filter: within(m) }, sort: { field, direction }, cursor, limit: 4 });
          seen.push(...page.items.map((c) => c.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen, `${field} ${direction}`).toEqual(expected);
      }
    }
  });
});

describe("who sees whom", () => {
  it("shows an agent only the customers they serve: assigned to them or in their teams", async () => {
    const m = newMarker();
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id] });
    const mine = await customer(m, { suffix: "mine" });
    const teams = await customer(m, { suffix: "team" });
    const stranger = await customer(m, { suffix: "other" });
    await h.db.conversation.createMany({
      data: [
        { customerId: mine.id, channel: "WEB", status: "ACTIVE", assigneeId: agent.id },
        { customerId: teams.id, channel: "WEB", status: "QUEUED", teamId: team.id },
        { customerId: stranger.id, channel: "WEB", status: "QUEUED" },
      ],
    });
    expect(await idsOf(within(m), h.callerFor(agent))).toEqual([mine.id, teams.id].sort((x, y) => x - y));
    expect((await h.callerFor(agent).customer.count({ audience: { kind: "ids", ids: [stranger.id, mine.id] } })).count).toBe(1);
    expect(await idsOf(within(m), h.callerFor(h.users.QA))).toHaveLength(3);
  });
});
