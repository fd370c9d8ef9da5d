/** 快捷回复 management (who may change which set, validation, order) and the composer's search and variables. */
import { CANNED_REPLIES } from "@kefu/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cannedReplyCreateInput, matchCannedReplies, renderCannedReply, unknownCannedVariables } from "../../contracts/canned-reply.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeTeam } from "../conversation/test-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const reply = (shortcut: string, extra: Partial<{ title: string; body: string; category: string }> = {}) => ({
  title: extra.title ?? `标题${shortcut}`,
  shortcut,
  category: extra.category ?? "",
  body: extra.body ?? `内容${shortcut}`,
});

describe("canned reply management", () => {
  it("lets every agent keep personal replies that no one else sees or changes", async () => {
    const me = await makeAgent(h.db);
    const colleague = await makeAgent(h.db);
    const created = await h.callerFor(me).cannedReply.create({ scope: { kind: "personal" }, ...reply("mine", { category: "开场" }) });
    expect(created).toMatchObject({ ownerId: me.id, teamId: null, category: "开场", sortOrder: 0 });

    const theirs = await h.callerFor(colleague).cannedReply.list({ scope: { kind: "personal" } });
    expect(theirs.items.map((r) => r.id)).not.toContain(created.id);
    // someone else's personal reply does not exist for them
    expect(await outcome(() => h.callerFor(colleague).cannedReply.update({ id: created.id, title: "改" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await outcome(() => h.callerFor(colleague).cannedReply.delete({ id: created.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await outcome(() => h.callerFor(h.users.ADMIN).cannedReply.delete({ id: created.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await h.db.cannedReply.findUniqueOrThrow({ where: { id: created.id } })).title).toBe("标题mine");
  });

  it("lets team leads and managers change a team's set; members only read it; outsiders are refused", async () => {
    const team = await makeTeam(h.db);
    const member = await makeAgent(h.db, { teamIds: [team.id] });
    const lead = await makeAgent(h.db, { teamIds: [team.id] });
    await h.db.teamMember.update({ where: { teamId_userId: { teamId: team.id, userId: lead.id } }, data: { isLead: true } });
    const outsider = await makeAgent(h.db);
    const scope = { kind: "team" as const, teamId: team.id };

    const byLead = await h.callerFor(lead).cannedReply.create({ scope, ...reply("lead") });
    expect(byLead).toMatchObject({ teamId: team.id, ownerId: null });
    const bySupervisor = await h.callerFor(h.users.SUPERVISOR).cannedReply.create({ scope, ...reply("sup") });
    expect(bySupervisor.sortOrder).toBe(1);

    expect(await outcome(() => h.callerFor(member).cannedReply.create({ scope, ...reply("member") }))).toMatchObject({
      code: "FORBIDDEN",
      field: "scope.teamId",
    });
    expect(await outcome(() => h.callerFor(member).cannedReply.update({ id: byLead.id, body: "改" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(member).cannedReply.move({ id: byLead.id, direction: "down" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await h.callerFor(member).cannedReply.list({ scope })).toMatchObject({ canManage: false, items: [{ shortcut: "lead" }, { shortcut: "sup" }] });
    expect(await outcome(() => h.callerFor(outsider).cannedReply.list({ scope }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(outsider).cannedReply.list({ scope: { kind: "team", teamId: 999_999 } }))).toMatchObject({
      code: "NOT_FOUND",
      field: "scope.teamId",
    });
    expect(await h.db.cannedReply.count({ where: { teamId: team.id } })).toBe(2);

    const scopes = await h.callerFor(member).cannedReply.listScopes();
    expect(scopes.teams).toEqual([{ id: team.id, name: team.name, canManage: false }]);
    expect(scopes.shared.canManage).toBe(false);
    expect((await h.callerFor(lead).cannedReply.listScopes()).teams).toEqual([{ id: team.id, name: team.name, canManage: true }]);
  });

  it("leaves the shared set to admins and supervisors; QA has no canned replies at all", async () => {
    const agent = await makeAgent(h.db);
    expect(await outcome(() => h.callerFor(agent).cannedReply.create({ scope: { kind: "shared" }, ...reply("shared-a") }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const shared = await h.callerFor(h.users.ADMIN).cannedReply.create({ scope: { kind: "shared" }, ...reply("shared-b") });
    expect(shared).toMatchObject({ teamId: null, ownerId: null });
    expect(await outcome(() => h.callerFor(agent).cannedReply.delete({ id: shared.id }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.QA).cannedReply.list({ scope: { kind: "shared" } }))).toMatchObject({ code: "FORBIDDEN" });
    await h.callerFor(h.users.SUPERVISOR).cannedReply.delete({ id: shared.id });
    expect(await h.db.cannedReply.count({ where: { id: shared.id } })).toBe(0);
  });

  it("refuses bad input naming the field and the rule, and writes nothing", async () => {
    const me = await makeAgent(h.db);
    const caller = h.callerFor(me);
    const personal = { kind: "personal" as const };
    const cases: [unknown, string][] = [
      [{ scope: personal, ...reply("ok"), title: "   " }, "title"],
      [{ scope: personal, ...reply("ok"), title: "长".repeat(65) }, "title"],
      [{ scope: personal, ...reply("has space") }, "shortcut"],
      [{ scope: personal, ...reply("") }, "shortcut"],
      [{ scope: personal, ...reply("x".repeat(33)) }, "shortcut"],
      [{ scope: personal, ...reply("ok"), category: "类".repeat(33) }, "category"],
      [{ scope: personal, ...reply("ok"), body: "" }, "body"],
      [{ scope: personal, ...reply("ok"), body: "字".repeat(2_001) }, "body"],
      [{ scope: personal, ...reply("ok"), body: "{{customer.phone}}您好" }, "body"],
      [{ scope: { kind: "team" }, ...reply("ok") }, "scope.teamId"],
      [{ scope: { kind: "everyone" }, ...reply("ok") }, "scope.kind"],
    ];
    for (const [input, field] of cases) {
      const result = await outcome(() => caller.cannedReply.create(input as never));
      expect(result, JSON.stringify(input).slice(0, 80)).toMatchObject({ code: "BAD_REQUEST", field });
    }
    const unknownVariable = await outcome(() => caller.cannedReply.create({ scope: personal, ...reply("ok"), body: "{{customer.phone}}" }));
    expect(unknownVariable.message).toContain("{{customer.name}}");
    expect(await h.db.cannedReply.count({ where: { ownerId: me.id } })).toBe(0);

    await caller.cannedReply.create({ scope: personal, ...reply("dup") });
    const taken = await outcome(() => caller.cannedReply.create({ scope: personal, ...reply("dup", { title: "另一个" }) }));
    expect(taken).toMatchObject({ code: "CONFLICT", appCode: "SHORTCUT_TAKEN", field: "shortcut" });
    const second = await caller.cannedReply.create({ scope: personal, ...reply("other") });
    expect(await outcome(() => caller.cannedReply.update({ id: second.id, shortcut: "dup" }))).toMatchObject({ code: "CONFLICT", field: "shortcut" });
    expect(await outcome(() => caller.cannedReply.update({ id: second.id, body: "{{x}}" }))).toMatchObject({ code: "BAD_REQUEST", field: "body" });
    expect(await h.db.cannedReply.count({ where: { ownerId: me.id } })).toBe(2);
    // the same shortcut in another set is fine (personal replies come first in the picker)
    const otherAgent = await makeAgent(h.db);
    await h.callerFor(otherAgent).cannedReply.create({ scope: personal, ...reply("dup") });
  });

  it("keeps a set in the order it is given, moving one reply at a time", async () => {
    const me = await makeAgent(h.db);
    const caller = h.callerFor(me);
    const personal = { kind: "personal" as const };
    for (const shortcut of ["a1", "a2", "a3"]) await caller.cannedReply.create({ scope: personal, ...reply(shortcut) });
    const order = async () => (await caller.cannedReply.list({ scope: personal })).items.map((r) => r.shortcut);
    expect(await order()).toEqual(["a1", "a2", "a3"]);
    const [a1, , a3] = (await caller.cannedReply.list({ scope: personal })).items;
    expect(await caller.cannedReply.move({ id: a3!.id, direction: "up" })).toEqual({ moved: true });
    expect(await order()).toEqual(["a1", "a3", "a2"]);
    expect(await caller.cannedReply.move({ id: a1!.id, direction: "up" })).toEqual({ moved: false });
    await caller.cannedReply.move({ id: a1!.id, direction: "down" });
    expect(await order()).toEqual(["a3", "a1", "a2"]);
    // the composer lists them in the same order
    expect((await caller.conversation.listCannedReplies()).filter((r) => r.ownerId === me.id).map((r) => r.shortcut)).toEqual(["a3", "a1", "a2"]);
    // a deleted reply leaves the others in place; a new one goes last
    await caller.cannedReply.delete({ id: a1!.id });
    await caller.cannedReply.create({ scope: personal, ...reply("a4") });
    expect(await order()).toEqual(["a3", "a2", "a4"]);
  });
});

describe("the composer's search and variables", () => {
  it("finds replies by shortcut, title and content, Chinese substrings included ('/退')", async () => {
    const team = await makeTeam(h.db);
    const me = await makeAgent(h.db, { teamIds: [team.id] });
    const scope = { kind: "team" as const, teamId: team.id };
    const admin = h.callerFor(h.users.ADMIN);
    await admin.cannedReply.create({ scope, ...reply("refund", { title: "退款时效", body: "仓库签收退货后1个工作日内退款。", category: "退款" }) });
    await admin.cannedReply.create({ scope, ...reply("return", { title: "退货流程", body: "在订单详情点击申请售后。", category: "退换货" }) });
    await admin.cannedReply.create({ scope, ...reply("urge", { title: "催件", body: "已经为您提交催件。", category: "物流" }) });
    await admin.cannedReply.create({ scope, ...reply("bye", { title: "结束语", body: "感谢您的耐心，如需退订请回复TD。", category: "结束" }) });
    await h.callerFor(me).cannedReply.create({ scope: { kind: "personal" }, ...reply("tui", { title: "我的话术", body: "好的" }) });
    const usable = (await h.callerFor(me).conversation.listCannedReplies()).filter((r) => r.teamId === team.id || r.ownerId === me.id);
    expect(usable).toHaveLength(5);

    const shortcuts = (query: string) => matchCannedReplies(usable, query).map((r) => r.shortcut);
    // shortcut first, then title, then category and content
    expect(shortcuts("退")).toEqual(["refund", "return", "bye"]);
    expect(shortcuts("re")).toEqual(["refund", "return"]);
    expect(shortcuts("TUI")).toEqual(["tui"]);
    expect(shortcuts("催件")).toEqual(["urge"]);
    expect(shortcuts("申请售后")).toEqual(["return"]);
    expect(shortcuts("物流")).toEqual(["urge"]);
    expect(shortcuts("没有这个")).toEqual([]);
    expect(shortcuts("")).toEqual(usable.map((r) => r.shortcut));
    // personal first, then the team's
    expect(usable[0]!.shortcut).toBe("tui");
    expect(usable[1]).toMatchObject({ shortcut: "refund", teamName: team.name });
  });

  it("fills the variables at insert time and lists the unknown ones", () => {
    const body = "{{customer.name}}您好，我是{{ team.name }}的{{agent.name}}。";
    expect(renderCannedReply(body, { "customer.name": "张伟", "agent.name": "李静", "team.name": "售后组" })).toBe("张伟您好，我是售后组的李静。");
    expect(renderCannedReply(body, { "customer.name": "访客 1024", "agent.name": "李静" })).toBe("访客 1024您好，我是的李静。");
    expect(renderCannedReply("没有变量", {})).toBe("没有变量");
    expect(unknownCannedVariables("{{customer.name}} {{order.no}} {{ agent.phone }}")).toEqual(["order.no", "agent.phone"]);
  });

  it("seeds replies the management screen would accept", () => {
    for (const seeded of CANNED_REPLIES) {
      const parsed = cannedReplyCreateInput.safeParse({ scope: { kind: "shared" }, ...seeded });
      expect(parsed.success, seeded.shortcut).toBe(true);
    }
    expect(new Set(CANNED_REPLIES.map((r) => r.category)).size).toBeGreaterThan(5);
    expect(CANNED_REPLIES.some((r) => r.owner) && CANNED_REPLIES.some((r) => r.team)).toBe(true);
  });
});
