/** The customer profile: masks, edits with their events, protected fields at rest, reveal, tags, notes and the timeline. */
import { decryptField, hashLookup, maskIdNumber, maskPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeConversation, makeCustomer, makeTeam } from "../conversation/test-fixtures.ts";
import { phoneColumns, idNumberColumns } from "./protected-fields.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const ID_NUMBER = "310101199001011234";

async function customerWithSecrets() {
  return h.db.customer.create({
    data: { name: "王小明", email: "wang@example.com", ...phoneColumns("13812341234"), ...idNumberColumns(ID_NUMBER) },
    select: { id: true },
  });
}

describe("masks", () => {
  it("shows the first 3 and last 4 digits of a phone, the first and last 4 characters of an ID number", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("+86 138-1234-5678")).toBe("138****5678");
    expect(maskPhone(null)).toBe("");
    expect(maskIdNumber(ID_NUMBER)).toBe("3101**********1234");
  });
});

describe("customer profile", () => {
  it("reads the profile with protected fields masked, counts and average CSAT", async () => {
    const customer = await customerWithSecrets();
    const agent = await makeAgent(h.db);
    const c1 = await makeConversation(h.db, { status: "RESOLVED", assigneeId: agent.id, customerId: customer.id });
    const c2 = await makeConversation(h.db, { status: "RESOLVED", assigneeId: agent.id, customerId: customer.id });
    await h.db.conversation.update({ where: { id: c1.id }, data: { csatScore: 5 } });
    await h.db.conversation.update({ where: { id: c2.id }, data: { csatScore: 4 } });
    await h.db.customerIdentity.create({ data: { customerId: customer.id, channel: "WECHAT", externalUserId: "o-openid-1", unionId: "u-union-1" } });

    const profile = await h.callerFor(agent).customer.profile({ id: customer.id });
    expect(profile).toMatchObject({
      name: "王小明",
      phoneMask: "138****1234",
      idNumberMask: "3101**********1234",
      conversationCount: 2,
      csatAverage: 4.5,
      identities: [{ channel: "WECHAT", externalUserId: "o-openid-1", unionId: "u-union-1" }],
      can: { manage: false, annotate: true, reveal: false, privacy: false },
    });
    expect(JSON.stringify(profile)).not.toContain("13812341234");
    expect(JSON.stringify(profile)).not.toContain(ID_NUMBER);
  });

  it("refuses an agent who does not serve the customer, and an unknown id", async () => {
    const customer = await customerWithSecrets();
    const stranger = await makeAgent(h.db);
    expect(await outcome(() => h.callerFor(stranger).customer.profile({ id: customer.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.ADMIN).customer.profile({ id: 999_999 }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets managers edit, encrypts the phone and ID number, and writes one event with masked before/after", async () => {
    const customer = await h.db.customer.create({ data: { name: "李四" }, select: { id: true } });
    const team = await makeTeam(h.db);
    const result = await h.callerFor(h.users.SUPERVISOR).customer.updateProfile({
      id: customer.id,
      name: "李四光",
      email: "LI@Example.com",
      phone: "139 0000 5678",
      idNumber: "11010519491231002x",
      level: "VIP",
      ownerTeamId: team.id,
      city: "上海",
      externalId: "crm-42",
    });
    expect(result.changed.sort()).toEqual(["city", "email", "externalId", "idNumber", "level", "name", "ownerTeam", "phone"]);
    const row = await h.db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(row).toMatchObject({
      name: "李四光",
      email: "li@example.com",
      level: "VIP",
      ownerTeamId: team.id,
      phoneLast4: "5678",
      idNumberMask: "1101**********002X",
    });
    expect(decryptField(fieldKeysFromEnv(), row.phoneEnc!)).toBe("13900005678");
    expect(row.phoneHash).toBe(hashLookup(fieldKeysFromEnv(), "13900005678"));

    // at rest the columns never hold the plain values
    const [raw] = await h.db.$queryRaw<{ phoneEnc: string; idNumberEnc: string }[]>`SELECT phoneEnc, idNumberEnc FROM Customer WHERE id = ${customer.id}`;
    expect(raw!.phoneEnc).not.toContain("13900005678");
    expect(raw!.phoneEnc).not.toContain("5678");
    expect(raw!.idNumberEnc).not.toContain("110105194912310");
    expect(decryptField(fieldKeysFromEnv(), raw!.idNumberEnc)).toBe("11010519491231002X");

    const events = await h.db.customerEvent.findMany({ where: { customerId: customer.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "profile_updated", actorId: h.users.SUPERVISOR.id });
    const changes = (events[0]!.detail as { changes: { field: string; before: unknown; after: unknown }[] }).changes;
    expect(changes).toContainEqual({ field: "phone", before: null, after: "139****5678" });
    expect(changes).toContainEqual({ field: "idNumber", before: null, after: "1101**********002X" });
    expect(changes).toContainEqual({ field: "level", before: "NORMAL", after: "VIP" });
    expect(JSON.stringify(changes)).not.toContain("13900005678");

    // the same values again change nothing and write no event
    expect((await h.callerFor(h.users.SUPERVISOR).customer.updateProfile({ id: customer.id, name: "李四光", phone: "13900005678" })).changed).toEqual([]);
    expect(await h.db.customerEvent.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const customer = await h.db.customer.create({ data: { name: "赵六" }, select: { id: true } });
    const manager = h.callerFor(h.users.ADMIN);
    const cases = [
      [{ phone: "12345" }, "phone"],
      [{ idNumber: "31010119900101123" }, "idNumber"],
      [{ email: "not-an-email" }, "email"],
      [{ name: "" }, "name"],
      [{ name: "名".repeat(65) }, "name"],
      [{ city: "城".repeat(33) }, "city"],
      [{ ownerTeamId: 999_999 }, "ownerTeamId"],
    ] as const;
    for (const [change, field] of cases) {
      const result = await outcome(() => manager.customer.updateProfile({ id: customer.id, ...change }));
      expect(result.field, JSON.stringify(change)).toBe(field);
      expect(["BAD_REQUEST", "NOT_FOUND"]).toContain(result.code);
    }
    const other = await h.db.customer.create({ data: { name: "其他", externalId: "taken-1" }, select: { id: true } });
    expect(await outcome(() => manager.customer.updateProfile({ id: customer.id, externalId: "taken-1", name: "新名字" }))).toMatchObject({
      code: "CONFLICT",
      field: "externalId",
    });
    expect(other.id).toBeGreaterThan(0);
    expect((await h.db.customer.findUniqueOrThrow({ where: { id: customer.id } })).name).toBe("赵六");
    expect(await h.db.customerEvent.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await outcome(() => h.callerFor(h.users.AGENT).customer.updateProfile({ id: customer.id, name: "x" }))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("reveal", () => {
  it("gives a manager the full value and writes an audit row with the reason", async () => {
    const customer = await customerWithSecrets();
    const revealed = await h.callerFor(h.users.SUPERVISOR).customer.revealField({ id: customer.id, field: "phone", reason: "客户来电核实身份" });
    expect(revealed).toMatchObject({ value: "13812341234", visibleSeconds: 30 });
    const id = await h.callerFor(h.users.SUPERVISOR).customer.revealField({ id: customer.id, field: "idNumber", reason: "开具发票需要" });
    expect(id.value).toBe(ID_NUMBER);

    const rows = await h.db.auditLog.findMany({ where: { action: "customer.revealField", targetId: String(customer.id) }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actorId: h.users.SUPERVISOR.id, result: "SUCCESS", targetType: "Customer" });
    expect(rows[0]!.detail).toMatchObject({ input: { field: "phone", reason: "客户来电核实身份" } });
    expect(JSON.stringify(rows.map((r) => r.detail))).not.toContain("13812341234");
  });

  it("needs a reason and the permission", async () => {
    const customer = await customerWithSecrets();
    expect(await outcome(() => h.callerFor(h.users.ADMIN).customer.revealField({ id: customer.id, field: "phone", reason: " " }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "reason",
    });
    expect(await outcome(() => h.callerFor(h.users.AGENT).customer.revealField({ id: customer.id, field: "phone", reason: "想看看号码" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const denied = await h.db.auditLog.findFirst({ where: { action: "customer.revealField", actorId: h.users.AGENT.id }, orderBy: { id: "desc" } });
    expect(denied?.result).toBe("DENIED");
  });
});

describe("tags", () => {
  it("lets an agent tag a customer they serve, with an event, and refuses the others", async () => {
    const agent = await makeAgent(h.db);
    const served = await makeCustomer(h.db);
    await makeConversation(h.db, { status: "ACTIVE", assigneeId: agent.id, customerId: served.id });
    const notServed = await makeCustomer(h.db);

    expect(await h.callerFor(agent).customer.addTag({ id: served.id, name: "老客户" })).toMatchObject({ added: true, tag: { name: "老客户" } });
    expect(await h.callerFor(agent).customer.addTag({ id: served.id, name: "老客户" })).toMatchObject({ added: false });
    expect(await h.callerFor(agent).customer.removeTag({ id: served.id, name: "老客户" })).toMatchObject({ removed: true });
    const events = await h.db.customerEvent.findMany({ where: { customerId: served.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.type, e.detail])).toEqual([
      ["tag_added", { tag: "老客户" }],
      ["tag_removed", { tag: "老客户" }],
    ]);

    expect(await outcome(() => h.callerFor(agent).customer.addTag({ id: notServed.id, name: "老客户" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.QA).customer.addTag({ id: served.id, name: "x" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(agent).customer.addTag({ id: served.id, name: "长".repeat(33) }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "name",
    });
    expect(await h.db.customerTag.count({ where: { customerId: notServed.id } })).toBe(0);
  });
});

describe("notes and the timeline", () => {
  it("lets only the author edit or delete a note; mentions are stored and shown", async () => {
    const author = await makeAgent(h.db);
    const colleague = await makeAgent(h.db);
    const customer = await makeCustomer(h.db);
    await makeConversation(h.db, { status: "ACTIVE", assigneeId: author.id, customerId: customer.id });
    await makeConversation(h.db, { status: "RESOLVED", assigneeId: colleague.id, customerId: customer.id });

    const note = await h.callerFor(author).customer.createNote({ customerId: customer.id, body: "喜欢电话回访 @同事", mentions: [colleague.id, colleague.id] });
    expect(note).toMatchObject({ body: "喜欢电话回访 @同事", mentions: [colleague.id], author: { id: author.id } });

    expect(await outcome(() => h.callerFor(colleague).customer.updateNote({ id: note.id, body: "改了" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(colleague).customer.deleteNote({ id: note.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.ADMIN).customer.updateNote({ id: note.id, body: "改了" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(author).customer.createNote({ customerId: customer.id, body: "   " }))).toMatchObject({ field: "body" });
    expect(await outcome(() => h.callerFor(author).customer.createNote({ customerId: customer.id, body: "x", mentions: [999_999] }))).toMatchObject({
      code: "NOT_FOUND",
      field: "mentions.0",
    });

    const edited = await h.callerFor(author).customer.updateNote({ id: note.id, body: "改为短信回访", mentions: [] });
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect(edited.mentions).toEqual([]);
    await h.callerFor(author).customer.updateNote({ id: note.id, body: "改为短信回访 @同事", mentions: [colleague.id] });

    const timeline = await h.callerFor(author).customer.timeline({ id: customer.id });
    const noteItem = timeline.items.find((i) => i.kind === "note");
    expect(noteItem).toMatchObject({ note: { mine: true, mentions: [{ id: colleague.id, name: colleague.name }] } });
    expect(timeline.items.filter((i) => i.kind === "conversation")).toHaveLength(2);

    const notes = await h.db.auditLog.findMany({ where: { action: { startsWith: "customer." }, actorId: author.id, result: "SUCCESS" } });
    expect(notes.map((r) => r.action)).toEqual(expect.arrayContaining(["customer.createNote", "customer.updateNote"]));

    await h.callerFor(author).customer.deleteNote({ id: note.id });
    expect(await h.db.customerNote.count({ where: { id: note.id } })).toBe(0);
  });

  it("pages newest first through conversations, notes and events without repeating or skipping", async () => {
    const customer = await makeCustomer(h.db);
    const base = Date.UTC(2026, 0, 1);
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    for (let i = 0; i < 4; i++) {
      const c = await makeConversation(h.db, { status: "RESOLVED", customerId: customer.id });
      await h.db.conversation.update({ where: { id: c.id }, data: { createdAt: at(i * 3), category: `类别${i}` } });
      await h.db.message.create({ data: { conversationId: c.id, senderType: "CUSTOMER", body: `问题${i}\n第二行` } });
    }
    for (let i = 0; i < 4; i++)
      await h.db.customerNote.create({ data: { customerId: customer.id, authorId: h.users.ADMIN.id, body: `备注${i}`, createdAt: at(i * 3 + 1) } });
    // two events in the same millisecond as a note: the order still holds
    for (let i = 0; i < 4; i++)
      await h.db.customerEvent.create({ data: { customerId: customer.id, type: "tag_added", detail: { tag: `t${i}` }, createdAt: at(i < 2 ? 1 : i * 3 + 2) } });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await h.callerFor(h.users.ADMIN).customer.timeline({ id: customer.id, limit: 5, cursor });
      seen.push(...page.items.map((i) => `${i.kind}:${i.id}:${i.at.getTime()}`));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    const times = seen.map((s) => Number(s.split(":")[2]));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const first = await h.callerFor(h.users.ADMIN).customer.timeline({ id: customer.id, limit: 50 });
    expect(first.items.find((i) => i.kind === "conversation")).toMatchObject({ conversation: { category: "类别3", firstQuestion: "问题3" } });
    expect(await outcome(() => h.callerFor(h.users.ADMIN).customer.timeline({ id: customer.id, cursor: "garbage" }))).toMatchObject({ field: "cursor" });
  });

  it("gives the workspace the last conversations and what was asked the previous time", async () => {
    const agent = await makeAgent(h.db);
    const customer = await makeCustomer(h.db);
    const old = await makeConversation(h.db, { status: "RESOLVED", customerId: customer.id });
    await h.db.message.create({ data: { conversationId: old.id, senderType: "CUSTOMER", body: "退款多久到账？" } });
    const live = await makeConversation(h.db, { status: "ACTIVE", assigneeId: agent.id, customerId: customer.id });
    const recent = await h.callerFor(agent).customer.recentConversations({ id: customer.id, exceptConversationId: live.id });
    expect(recent.conversations.map((c) => c.id)).toEqual([old.id]);
    expect(recent.previouslyAskedAbout).toBe("退款多久到账？");
  });
});

describe("input that could reach the database badly", () => {
  it("refuses ids beyond INT and cursors beyond the dates the database holds, as bad input", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    expect(await outcome(() => admin.customer.profile({ id: 3_000_000_000 }))).toMatchObject({ code: "BAD_REQUEST", field: "id" });
    expect(await outcome(() => admin.customer.timeline({ id: 1, cursor: "99999999999999:note:1" }))).toMatchObject({ code: "BAD_REQUEST", field: "cursor" });
    expect(await outcome(() => admin.customer.createNote({ customerId: 1, body: "x", mentions: [3_000_000_000] }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});
