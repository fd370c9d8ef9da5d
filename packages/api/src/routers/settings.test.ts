import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleWidgetPostMessage, handleWidgetSession } from "../rest/widget-api.ts";
import { botRespond } from "../services/bot/respond.ts";
import { receiveCustomerMessage } from "../services/conversation/index.ts";
import { createHarness, outcome, type Harness } from "../test/harness.ts";
import type { BotSettingsInput } from "../contracts/settings.ts";

let h: Harness;
let defaults: BotSettingsInput;
let visitors = 0;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const admin = () => h.callerFor(h.users.ADMIN);

async function restoreDefaults() {
  await admin().settings.updateBot(defaults);
}

function widgetRequest(path: string, body?: unknown, token?: string) {
  const headers = new Headers({
    host: "kefu.test",
    origin: "http://kefu.test",
    "x-forwarded-for": `10.1.0.${++visitors % 250}`,
    "content-type": "application/json",
  });
  if (token) headers.set("authorization", `Visitor ${token}`);
  return new Request(`http://kefu.test${path}`, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function widgetSession() {
  const response = await handleWidgetSession(h.db, widgetRequest("/api/v1/widget/session"));
  return (await response.json()) as { token: string; config: { welcomeMessage: string } };
}

/** A new visitor opens the widget and writes once; the conversation's status afterwards. */
async function newWidgetConversation(body: string) {
  const { token } = await widgetSession();
  const response = await handleWidgetPostMessage(h.db, widgetRequest("/api/v1/widget/messages", { clientId: crypto.randomUUID(), body }, token));
  expect(response.status).toBe(201);
  const { conversationId } = (await response.json()) as { conversationId: number };
  return h.db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { id: true, status: true } });
}

describe("settings.bot", () => {
  it("reads the defaults before anyone saved, with nothing changed yet", async () => {
    const read = await admin().settings.bot();
    defaults = read.defaults;
    expect(read.settings).toEqual(read.defaults);
    expect(read.lastChange).toBeNull();
    expect(read.settings).toMatchObject({
      enabled: true,
      priorityDirectToQueue: true,
      threshold: 0.35,
      lowConfidenceHandoffAfter: 2,
      hours: { start: "00:00", end: "24:00" },
    });
    expect(read.settings.handoffKeywords).toContain("转人工");
    expect(read.settings.queueFullMessage).toContain("{position}");
  });

  it("saves every field, trimmed and with the days in order, and says who changed it", async () => {
    const saved = await admin().settings.updateBot({
      ...defaults,
      priorityDirectToQueue: false,
      threshold: 0.5,
      lowConfidenceHandoffAfter: 3,
      handoffKeywords: [" 找经理 ", "人工"],
      hours: { days: [5, 1, 3], start: "09:00", end: "21:30" },
      welcomeMessage: "  欢迎光临，我是小助手  ",
      clarifyMessage: "请换个说法。",
      offHoursMessage: "现在是下班时间。",
      queueFullMessage: "前面还有 {position} 位。",
    });
    expect(saved).toMatchObject({
      handoffKeywords: ["找经理", "人工"],
      hours: { days: [1, 3, 5], start: "09:00", end: "21:30" },
      welcomeMessage: "欢迎光临，我是小助手",
    });

    const read = await admin().settings.bot();
    expect(read.settings).toEqual(saved);
    expect(read.defaults).toEqual(defaults);
    expect(read.lastChange?.by).toMatchObject({ id: h.users.ADMIN.id });
    const audit = await h.db.auditLog.findFirst({ where: { action: "settings.updateBot" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: h.users.ADMIN.id, targetType: "Setting", result: "SUCCESS" });
    await restoreDefaults();
    expect((await admin().settings.bot()).settings).toEqual(defaults);
  });

  it("a changed welcome message is what the widget greets the next visitor with", async () => {
    expect((await widgetSession()).config.welcomeMessage).toBe(defaults.welcomeMessage);
    await admin().settings.updateBot({ ...defaults, welcomeMessage: "双十一快乐！有问题尽管问我。" });
    expect((await widgetSession()).config.welcomeMessage).toBe("双十一快乐！有问题尽管问我。");
    await restoreDefaults();
  });

  it("turning the bot off sends the next new widget conversation straight to the queue", async () => {
    expect((await newWidgetConversation("你好，在吗")).status).toBe("BOT");
    await admin().settings.updateBot({ ...defaults, enabled: false });
    const queued = await newWidgetConversation("你好，在吗");
    expect(queued.status).toBe("QUEUED");
    expect(await h.db.conversationEvent.findFirst({ where: { conversationId: queued.id, type: "QUEUED" }, select: { detail: true } })).toMatchObject({
      detail: { reason: "bot_disabled" },
    });
    await restoreDefaults();
    expect((await newWidgetConversation("你好，在吗")).status).toBe("BOT");
  });

  it("a new hand-off keyword makes the bot hand off, and the threshold decides whether it answers", async () => {
    const article = await h
      .callerFor(h.users.SUPERVISOR)
      .knowledge.create({ title: "会员积分兑换规则", body: "会员积分可在积分商城兑换礼品，每 100 积分抵扣 1 元。" });
    await h.callerFor(h.users.SUPERVISOR).knowledge.publish({ id: article.id });
    const ask = async (body: string) => {
      const received = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: `settings-${++visitors}`, clientId: crypto.randomUUID(), body });
      return botRespond(h.db, { conversationId: received.conversationId, body });
    };

    expect(await ask("我要找经理投诉")).toMatchObject({ action: "clarified" });
    await admin().settings.updateBot({ ...defaults, handoffKeywords: [...defaults.handoffKeywords, "找经理"] });
    expect(await ask("我要找经理投诉")).toEqual({ action: "handed_off", reason: "customer_request" });

    const question = "积分可以兑换什么礼品";
    const answered = await ask(question);
    expect(answered).toMatchObject({ action: "answered", articleId: article.id });
    const confidence = answered.action === "answered" ? answered.confidence : 1;
    expect(confidence).toBeLessThan(1);
    await admin().settings.updateBot({ ...defaults, threshold: (confidence + 1) / 2 });
    expect(await ask(question)).toMatchObject({ action: "clarified" });
    await restoreDefaults();
  });
});

describe("settings.updateBot refuses bad input, naming the field, and writes nothing", () => {
  const cases: [string, (valid: BotSettingsInput) => unknown, string][] = [
    ["end before start", (v) => ({ ...v, hours: { days: [1], start: "18:00", end: "09:00" } }), "hours.end"],
    ["end equal to start", (v) => ({ ...v, hours: { days: [1], start: "09:00", end: "09:00" } }), "hours.end"],
    ["end after midnight", (v) => ({ ...v, hours: { days: [1], start: "09:00", end: "24:30" } }), "hours.end"],
    ["start 24:00", (v) => ({ ...v, hours: { days: [1], start: "24:00", end: "24:00" } }), "hours.start"],
    ["no days", (v) => ({ ...v, hours: { days: [], start: "00:00", end: "24:00" } }), "hours.days"],
    ["day 8", (v) => ({ ...v, hours: { days: [8], start: "00:00", end: "24:00" } }), "hours.days.0"],
    ["a day twice", (v) => ({ ...v, hours: { days: [2, 2], start: "00:00", end: "24:00" } }), "hours.days"],
    ["threshold above 1", (v) => ({ ...v, threshold: 1.5 }), "threshold"],
    ["threshold below 0", (v) => ({ ...v, threshold: -0.1 }), "threshold"],
    ["threshold as text", (v) => ({ ...v, threshold: "0.5" }), "threshold"],
    ["hand-off after 0 misses", (v) => ({ ...v, lowConfidenceHandoffAfter: 0 }), "lowConfidenceHandoffAfter"],
    ["empty welcome message", (v) => ({ ...v, welcomeMessage: "" }), "welcomeMessage"],
    ["blank clarify message", (v) => ({ ...v, clarifyMessage: "   " }), "clarifyMessage"],
    ["off-hours message too long", (v) => ({ ...v, offHoursMessage: "长".repeat(501) }), "offHoursMessage"],
    ["missing queue-full message", (v) => ({ ...v, queueFullMessage: undefined }), "queueFullMessage"],
    ["no hand-off keywords", (v) => ({ ...v, handoffKeywords: [] }), "handoffKeywords"],
    ["an empty keyword", (v) => ({ ...v, handoffKeywords: ["人工", " "] }), "handoffKeywords.1"],
    ["a duplicate keyword", (v) => ({ ...v, handoffKeywords: ["Agent", "人工", "agent "] }), "handoffKeywords.2"],
    ["too many keywords", (v) => ({ ...v, handoffKeywords: Array.from({ length: 51 }, (_, i) => `词${i}`) }), "handoffKeywords"],
    ["a keyword too long", (v) => ({ ...v, handoffKeywords: ["人".repeat(33)] }), "handoffKeywords.0"],
  ];

  it.each(cases)("%s", async (_name, mutate, field) => {
    const before = await h.db.setting.findMany({ orderBy: { key: "asc" } });
    const result = await outcome(() => admin().settings.updateBot(mutate({ ...defaults, handoffKeywords: [...defaults.handoffKeywords] }) as BotSettingsInput));
    expect(result).toMatchObject({ code: "BAD_REQUEST", field });
    expect(await h.db.setting.findMany({ orderBy: { key: "asc" } })).toEqual(before);
  });

  it("is for admins only", async () => {
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).settings.updateBot(defaults))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(h.users.SUPERVISOR).settings.bot())).toMatchObject({ code: "FORBIDDEN" });
  });
});
