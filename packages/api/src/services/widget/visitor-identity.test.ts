/**
 * Anonymous visitors get a readable number (访客 1024), the device their browser reports and the page the widget
 * was opened on, written with their first message and shown to agents and in searches.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleWidgetPostMessage } from "../../rest/widget-api.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent } from "../conversation/test-fixtures.ts";
import { describeDevice } from "./device.ts";
import { issueVisitorToken } from "./visitor-token.ts";

let h: Harness;
let ip = 0;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const IPHONE_WECHAT =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN";
const WINDOWS_EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51";

async function post(token: string, body: Record<string, unknown>, userAgent?: string) {
  const headers = new Headers({
    host: "kefu.test",
    origin: "http://kefu.test",
    "content-type": "application/json",
    authorization: `Visitor ${token}`,
    "x-forwarded-for": `10.9.0.${++ip}`,
  });
  if (userAgent) headers.set("user-agent", userAgent);
  const response = await handleWidgetPostMessage(
    h.db,
    new Request("http://kefu.test/api/v1/widget/messages", { method: "POST", headers, body: JSON.stringify({ clientId: crypto.randomUUID(), ...body }) }),
  );
  return { status: response.status, body: (await response.json()) as { conversationId: number; error?: { code: string; field: string } } };
}

async function customerOf(conversationId: number) {
  const { customer } = await h.db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { customer: { select: { id: true, name: true, visitorNo: true, device: true, pageUrl: true } } },
  });
  return customer;
}

describe("visitor identity", () => {
  it("numbers an anonymous visitor and keeps their device and page", async () => {
    const { token } = issueVisitorToken();
    const first = await post(token, { body: "你好，我想问下退货", pageUrl: "https://shop.example.com/orders/detail?id=88" }, IPHONE_WECHAT);
    expect(first.status).toBe(201);
    const customer = await customerOf(first.body.conversationId);
    expect(customer).toMatchObject({ visitorNo: customer.id, device: "iPhone · 微信", pageUrl: "https://shop.example.com/orders/detail?id=88" });

    // later messages in the same conversation change nothing; the number stays
    await post(token, { body: "在吗", pageUrl: "https://shop.example.com/other" }, WINDOWS_EDGE);
    expect(await customerOf(first.body.conversationId)).toEqual(customer);

    // agents read it with the conversation, and find it by the number the console shows
    const agent = await makeAgent(h.db, { role: "SUPERVISOR" });
    const detail = await h.callerFor(agent).conversation.get({ id: first.body.conversationId });
    expect(detail.customer).toMatchObject({ visitorNo: customer.id, device: "iPhone · 微信", pageUrl: "https://shop.example.com/orders/detail?id=88" });
    for (const search of [`访客 ${customer.id}`, `访客${customer.id}`, `Visitor ${customer.id}`]) {
      const found = await h.callerFor(agent).conversation.list({ view: "all", search });
      expect(
        found.items.map((c) => c.id),
        search,
      ).toContain(first.body.conversationId);
      expect(found.items.find((c) => c.id === first.body.conversationId)?.customer).toMatchObject({ visitorNo: customer.id, device: "iPhone · 微信" });
    }
  });

  it("gives a visitor who names themselves no number", async () => {
    const { token } = issueVisitorToken();
    const sent = await post(token, { body: "咨询一下发票", name: "王芳" }, WINDOWS_EDGE);
    expect(await customerOf(sent.body.conversationId)).toMatchObject({ name: "王芳", visitorNo: null, device: "Windows · Edge", pageUrl: null });
  });

  it("refuses a page that is not an http(s) URL, naming the field, and writes nothing", async () => {
    const { token } = issueVisitorToken();
    const before = await h.db.customer.count();
    for (const pageUrl of ["javascript:alert(1)", "shop.example.com/x", `https://shop.example.com/${"a".repeat(500)}`]) {
      const sent = await post(token, { body: "你好", pageUrl });
      expect(sent.status).toBe(400);
      expect(sent.body.error).toMatchObject({ code: "INVALID_INPUT", field: "pageUrl" });
    }
    expect(await h.db.customer.count()).toBe(before);
  });

  it("describes common user agents briefly", () => {
    expect(describeDevice(IPHONE_WECHAT)).toBe("iPhone · 微信");
    expect(describeDevice(WINDOWS_EDGE)).toBe("Windows · Edge");
    expect(describeDevice("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36")).toBe(
      "Android · Chrome",
    );
    expect(describeDevice("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15")).toBe(
      "Mac · Safari",
    );
    expect(describeDevice("curl/8.5.0")).toBeNull();
    expect(describeDevice(null)).toBeNull();
  });

  it("refuses an agent outside the conversation's team, and says when a conversation does not exist", async () => {
    const { token } = issueVisitorToken();
    const sent = await post(token, { body: "你好" });
    const outsider = await makeAgent(h.db);
    expect(await outcome(() => h.callerFor(outsider).conversation.get({ id: sent.body.conversationId }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(outsider).conversation.get({ id: 2_000_000_000 }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
