/**
 * Routing by intent: the team a hand-off goes to (menu choice, keyword, the bot's best-answer category, default), why
 * it was chosen, and the admin procedures with their validation — through the real message use case and tRPC callers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { handleIncomingCustomerMessage } from "../inbox/index.ts";
import { reindexAll } from "../knowledge/indexer.ts";
import { invalidateVocabulary } from "../knowledge/tokenizer.ts";
import { makeTeam, quiesce } from "../conversation/test-fixtures.ts";
import { getSetting, updateSetting } from "../settings/index.ts";
import { handleWidgetPostMessage, handleWidgetSession } from "../../rest/widget-api.ts";
import { intentMenu } from "./index.ts";

let h: Harness;
let visitor = 0;
let aftersales: { id: number; name: string };
let technical: { id: number; name: string };
let fallback: { id: number; name: string };
let refundCategory: number;

beforeAll(async () => {
  h = await createHarness();
  [aftersales, technical, fallback] = [await makeTeam(h.db), await makeTeam(h.db), await makeTeam(h.db)];
  const parent = await h.db.kbCategory.create({ data: { name: "售后服务类" } });
  const refunds = await h.db.kbCategory.create({ data: { name: "退款政策", parentId: parent.id } });
  refundCategory = parent.id;
  await h.db.kbArticle.create({
    data: {
      categoryId: refunds.id,
      title: "原路返还到账时间",
      body: "审核通过后，款项原路返还，银行卡一般 1-3 个工作日到账，零钱即时到账。",
      status: "PUBLISHED",
      publishedAt: new Date(),
    },
  });
  await h.db.kbArticle.create({
    data: { title: "如何修改登录密码", body: "在 我的 - 设置 - 账号安全 中修改登录密码。", status: "PUBLISHED", publishedAt: new Date() },
  });
  invalidateVocabulary();
  await reindexAll(h.db);
  const routing = await getSetting(h.db, "routing");
  await updateSetting(h.db, "routing", { ...routing, defaultTeamId: fallback.id, intentMenu: true }, h.users.ADMIN.id);
});
afterEach(async () => {
  await quiesce(h);
  await h.db.routingRule.deleteMany();
});
afterAll(async () => {
  await h.database.drop();
});

const admin = () => h.callerFor(h.users.ADMIN);

async function say(body: string, options: { externalUserId?: string; intentId?: number; teamId?: number } = {}) {
  const externalUserId = options.externalUserId ?? `visitor-${++visitor}`;
  const result = await handleIncomingCustomerMessage(h.db, {
    channel: "WEB",
    externalUserId,
    clientId: `m-${++visitor}`,
    body,
    intentId: options.intentId,
    teamId: options.teamId,
  });
  return { ...result, externalUserId };
}

async function handoff(conversationId: number) {
  const [conversation, event] = await Promise.all([
    h.db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { status: true, teamId: true } }),
    h.db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "BOT_HANDOFF" }, orderBy: { id: "desc" } }),
  ]);
  return { ...conversation, routing: (event.detail as { routing?: unknown }).routing, eventTeamId: event.toTeamId };
}

async function standardRules() {
  const refunds = await admin().routing.createRule({
    name: "退款退货",
    teamId: aftersales.id,
    keywords: ["退款", "退货", "换货"],
    categoryIds: [],
    showInMenu: true,
  });
  const account = await admin().routing.createRule({ name: "账号问题", teamId: technical.id, keywords: ["登录", "密码"], categoryIds: [], showInMenu: true });
  return { refunds, account };
}

describe("choosing the team at hand-off", () => {
  it("routes by a keyword in the customer's messages, and records the rule and keyword", async () => {
    const { refunds } = await standardRules();
    const first = await say("我买的耳机想退货");
    const second = await say("转人工", { externalUserId: first.externalUserId });
    expect(second.bot).toEqual({ action: "handed_off", reason: "customer_request" });
    expect(await handoff(second.conversationId)).toEqual({
      status: "QUEUED",
      teamId: aftersales.id,
      eventTeamId: aftersales.id,
      routing: { by: "keyword", ruleId: refunds.id, ruleName: "退款退货", keyword: "退货" },
    });
    const queued = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId: second.conversationId, type: "QUEUED" } });
    expect(queued).toMatchObject({ toTeamId: aftersales.id, detail: { reason: "customer_request", routing: { by: "keyword" } } });
  });

  it("tries the rules in the admins' order: the first rule that matches wins", async () => {
    const { account, refunds } = await standardRules();
    await admin().routing.reorderRules({ ids: [account.id, refunds.id] });
    const { conversationId } = await say("登录后申请退款失败 转人工");
    expect(await handoff(conversationId)).toMatchObject({ teamId: technical.id, routing: { by: "keyword", ruleId: account.id, keyword: "登录" } });
  });

  it("routes by the knowledge category (or a parent of it) of the bot's best answer", async () => {
    await standardRules();
    const byCategory = await admin().routing.createRule({
      name: "售后政策",
      teamId: aftersales.id,
      keywords: [],
      categoryIds: [refundCategory],
      showInMenu: false,
    });
    const asked = await say("原路返还多久到账");
    expect(asked.bot).toMatchObject({ action: "answered" });
    const { conversationId } = await say("人工", { externalUserId: asked.externalUserId });
    expect(await handoff(conversationId)).toMatchObject({
      teamId: aftersales.id,
      routing: { by: "category", ruleId: byCategory.id, ruleName: "售后政策", categoryName: "售后服务类" },
    });
  });

  it("routes by the customer's menu choice before anything else", async () => {
    const { refunds, account } = await standardRules();
    expect(await intentMenu(h.db)).toEqual([
      { id: refunds.id, name: "退款退货" },
      { id: account.id, name: "账号问题" },
    ]);
    const picked = await say("账号问题", { intentId: account.id });
    const { conversationId } = await say("我要退款，转人工", { externalUserId: picked.externalUserId });
    expect(await handoff(conversationId)).toMatchObject({ teamId: technical.id, routing: { by: "menu", ruleId: account.id, ruleName: "账号问题" } });
    expect(await h.db.conversationIntent.findUnique({ where: { conversationId } })).toMatchObject({ ruleId: account.id });
  });

  it("refuses a menu choice the menu does not offer, naming intentId, and writes nothing", async () => {
    const { refunds } = await standardRules();
    await admin().routing.updateRule({ id: refunds.id, name: "退款退货", teamId: aftersales.id, keywords: ["退款"], categoryIds: [], showInMenu: false });
    const before = await h.db.message.count();
    await expect(say("退款退货", { intentId: refunds.id })).rejects.toMatchObject({ code: "NOT_FOUND", field: "intentId" });
    await expect(say("退款退货", { intentId: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND", field: "intentId" });
    expect(await h.db.message.count()).toBe(before);
  });

  it("sends what nothing matches to the default team, and keeps an embed's entry team", async () => {
    await standardRules();
    const unmatched = await say("你好 转人工");
    expect(await handoff(unmatched.conversationId)).toMatchObject({ teamId: fallback.id, routing: { by: "default" } });
    const entry = await say("退款 转人工", { teamId: technical.id });
    expect(await handoff(entry.conversationId)).toMatchObject({ teamId: technical.id, routing: { by: "entry" } });
  });

  it("routes a conversation that skips the bot (bot switched off) by the same rules", async () => {
    await standardRules();
    const strategy = await getSetting(h.db, "bot.strategy");
    await updateSetting(h.db, "bot.strategy", { ...strategy, enabled: false }, h.users.ADMIN.id);
    try {
      const { conversationId } = await say("换货怎么操作");
      const queued = await h.db.conversationEvent.findFirstOrThrow({ where: { conversationId, type: "QUEUED" } });
      expect(queued).toMatchObject({ toTeamId: aftersales.id, detail: { reason: "bot_disabled", routing: { by: "keyword", keyword: "换货" } } });
    } finally {
      await updateSetting(h.db, "bot.strategy", strategy, h.users.ADMIN.id);
    }
  });

  it("explains the choice to whoever may see the conversation", async () => {
    await standardRules();
    const { conversationId } = await say("退款 转人工");
    expect(await admin().routing.explainConversation({ id: conversationId })).toMatchObject({
      decision: { by: "keyword", ruleName: "退款退货", keyword: "退款" },
      overflow: null,
    });
    expect(await outcome(() => h.callerFor(h.users.AGENT).routing.explainConversation({ id: conversationId }))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the widget's intent menu over REST", () => {
  const widgetRequest = (path: string, token: string | null, body?: unknown) => {
    const headers = new Headers({ host: "kefu.test", origin: "http://kefu.test", "x-forwarded-for": `10.9.0.${++visitor % 250}` });
    if (token) headers.set("authorization", `Visitor ${token}`);
    if (body !== undefined) headers.set("content-type", "application/json");
    return new Request(`http://kefu.test${path}`, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };

  it("offers the menu in the session's config and takes the pick with the message; a withdrawn pick is a 404 naming intentId", async () => {
    const { refunds, account } = await standardRules();
    const opened = (await (await handleWidgetSession(h.db, widgetRequest("/api/v1/widget/session", null))).json()) as {
      token: string;
      config: { intents: { id: number; name: string }[] };
    };
    expect(opened.config.intents).toEqual([
      { id: refunds.id, name: "退款退货" },
      { id: account.id, name: "账号问题" },
    ]);
    const post = (body: unknown) => handleWidgetPostMessage(h.db, widgetRequest("/api/v1/widget/messages", opened.token, body));
    const picked = await post({ clientId: "pick-1", body: "退款退货", intentId: refunds.id });
    expect(picked.status).toBe(201);
    const { conversationId } = (await picked.json()) as { conversationId: number };
    expect(await h.db.conversationIntent.findUnique({ where: { conversationId } })).toMatchObject({ ruleId: refunds.id });

    await admin().routing.deleteRule({ id: account.id });
    const refused = await post({ clientId: "pick-2", body: "账号问题", intentId: account.id });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: "NOT_FOUND", field: "intentId" } });
  });
});

describe("the routing admin", () => {
  it("lists rules in order with their team and categories, the default team and the menu switch", async () => {
    const rule = await admin().routing.createRule({
      name: "售后政策",
      teamId: aftersales.id,
      keywords: ["发票"],
      categoryIds: [refundCategory],
      showInMenu: true,
    });
    const overview = await h.callerFor(h.users.SUPERVISOR).routing.overview();
    expect(overview.rules).toEqual([
      {
        id: rule.id,
        name: "售后政策",
        position: 1,
        keywords: ["发票"],
        showInMenu: true,
        team: { id: aftersales.id, name: aftersales.name },
        categories: [{ id: refundCategory, name: "售后服务类" }],
      },
    ]);
    expect(overview.settings).toEqual({ defaultTeamId: fallback.id, intentMenu: true });
    expect(overview.teams.map((t) => t.id)).toEqual(expect.arrayContaining([aftersales.id, technical.id, fallback.id]));
  });

  it("names the field and the rule of every bad input, and writes nothing", async () => {
    const codeOf = (appCode: string) => (appCode === "INVALID_INPUT" ? "BAD_REQUEST" : appCode);
    const valid = { name: "退款", teamId: aftersales.id, keywords: ["退款"], categoryIds: [], showInMenu: true };
    const cases: [unknown, string, string][] = [
      [{ ...valid, name: " " }, "INVALID_INPUT", "name"],
      [{ ...valid, name: "退".repeat(33) }, "INVALID_INPUT", "name"],
      [{ ...valid, keywords: ["退款", "退款"] }, "INVALID_INPUT", "keywords.1"],
      [{ ...valid, keywords: ["x".repeat(33)] }, "INVALID_INPUT", "keywords.0"],
      [{ ...valid, keywords: [], showInMenu: false }, "INVALID_INPUT", "keywords"],
      [{ ...valid, teamId: 0 }, "INVALID_INPUT", "teamId"],
      [{ ...valid, teamId: 999_999 }, "NOT_FOUND", "teamId"],
      [{ ...valid, categoryIds: [refundCategory, 999_999] }, "NOT_FOUND", "categoryIds.1"],
      [{ ...valid, categoryIds: [refundCategory, refundCategory] }, "INVALID_INPUT", "categoryIds.1"],
    ];
    for (const [input, appCode, field] of cases) {
      expect(await outcome(() => admin().routing.createRule(input as never)), JSON.stringify(input)).toMatchObject({ code: codeOf(appCode), field });
    }
    expect(await h.db.routingRule.count()).toBe(0);

    const overflow = { teamId: aftersales.id, backupTeamId: technical.id, waitSeconds: 120, queueLength: null };
    const overflowCases: [unknown, string, string][] = [
      [{ ...overflow, backupTeamId: aftersales.id }, "INVALID_INPUT", "backupTeamId"],
      [{ ...overflow, waitSeconds: null }, "INVALID_INPUT", "waitSeconds"],
      [{ ...overflow, waitSeconds: 5 }, "INVALID_INPUT", "waitSeconds"],
      [{ ...overflow, waitSeconds: null, queueLength: 0 }, "INVALID_INPUT", "queueLength"],
      [{ ...overflow, backupTeamId: 999_999 }, "NOT_FOUND", "backupTeamId"],
      [{ ...overflow, teamId: 999_999 }, "NOT_FOUND", "teamId"],
    ];
    for (const [input, appCode, field] of overflowCases) {
      expect(await outcome(() => admin().routing.setOverflow(input as never)), JSON.stringify(input)).toMatchObject({ code: codeOf(appCode), field });
    }
    expect(await h.db.teamOverflow.count()).toBe(0);

    expect(await outcome(() => admin().routing.updateSettings({ defaultTeamId: 999_999, intentMenu: true }))).toMatchObject({
      code: "NOT_FOUND",
      field: "defaultTeamId",
    });
    expect((await getSetting(h.db, "routing")).defaultTeamId).toBe(fallback.id);
    const { refunds } = await standardRules();
    expect(await outcome(() => admin().routing.reorderRules({ ids: [refunds.id] }))).toMatchObject({ code: "BAD_REQUEST", field: "ids" });
    expect(await outcome(() => admin().routing.deleteRule({ id: 999_999 }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  it("lets only admins change rules, and audits each change", async () => {
    const input = { name: "发票", teamId: aftersales.id, keywords: ["发票"], categoryIds: [], showInMenu: true };
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).routing.createRule(input))).toMatchObject({ code: "FORBIDDEN" });
    const rule = await admin().routing.createRule(input);
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { action: "routing.createRule", result: "SUCCESS" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: h.users.ADMIN.id, targetType: "RoutingRule" });
    await admin().routing.setOverflow({ teamId: aftersales.id, backupTeamId: technical.id, waitSeconds: 120, queueLength: 10 });
    expect(await h.db.teamOverflow.findUniqueOrThrow({ where: { teamId: aftersales.id } })).toMatchObject({
      backupTeamId: technical.id,
      waitSeconds: 120,
      queueLength: 10,
    });
    await admin().routing.deleteOverflow({ teamId: aftersales.id });
    expect(await h.db.auditLog.count({ where: { action: { in: ["routing.setOverflow", "routing.deleteOverflow"] }, result: "SUCCESS" } })).toBe(2);
    await admin().routing.deleteRule({ id: rule.id });
    expect(await h.db.routingRule.count()).toBe(0);
  });
});
