import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import { aliyunSender, configuredProviders, sendSmsCode, tencentSender } from "./senders.ts";
import { signAcs3, signTc3 } from "./signing.ts";
import { apiEnvSchema } from "../../env.ts";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A stand-in for the provider: a real HTTP server that records requests and answers what the test says. */
let server: Server;
let base = "";
const received: Received[] = [];
let answer: (request: Received) => { status: number; body: unknown } = () => ({ status: 200, body: {} });
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      received.push(request);
      const { status, body: out } = answer(request);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.database.drop();
});

const clock = () => new Date("2026-12-02T08:00:00.123Z");
const aliyun = () =>
  aliyunSender({ endpoint: base, accessKeyId: "ak-id", accessKeySecret: "ak-secret", signName: "客服工作台", templateCode: "SMS_123456" }, clock);
const tencent = () =>
  tencentSender(
    {
      endpoint: base,
      secretId: "AKIDtest",
      secretKey: "tc-secret",
      sdkAppId: "1400000000",
      signName: "客服工作台",
      templateId: "1234567",
      region: "ap-guangzhou",
    },
    clock,
  );

describe("阿里云 SendSms adapter", () => {
  it("sends the code as TemplateParam in a signed request the provider can verify", async () => {
    received.length = 0;
    answer = () => ({ status: 200, body: { Code: "OK", Message: "OK", BizId: "1", RequestId: "r" } });
    await aliyun().send({ phone: "13800001000", code: "123456", minutes: 5 });
    const [request] = received;
    expect(request?.method).toBe("POST");
    const url = new URL(request!.url, base);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      PhoneNumbers: "13800001000",
      SignName: "客服工作台",
      TemplateCode: "SMS_123456",
      TemplateParam: '{"code":"123456"}',
    });
    expect(request!.headers).toMatchObject({ "x-acs-action": "SendSms", "x-acs-version": "2017-05-25", "x-acs-date": "2026-12-02T08:00:00Z" });
    // verify as the provider does: recompute from what arrived
    const expected = signAcs3({
      method: "POST",
      host: request!.headers.host!,
      query: Object.fromEntries(url.searchParams),
      body: request!.body,
      action: "SendSms",
      version: "2017-05-25",
      accessKeyId: "ak-id",
      accessKeySecret: "ak-secret",
      date: String(request!.headers["x-acs-date"]),
      nonce: String(request!.headers["x-acs-signature-nonce"]),
    });
    expect(request!.headers.authorization).toBe(expected.headers.authorization);
  });

  it("fails on an error answer", async () => {
    answer = () => ({ status: 200, body: { Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发流控" } });
    await expect(aliyun().send({ phone: "13800001000", code: "123456", minutes: 5 })).rejects.toThrow(/BUSINESS_LIMIT_CONTROL/);
  });
});

describe("腾讯云 SendSms adapter", () => {
  it("sends a signed JSON request with the code as the first template parameter", async () => {
    received.length = 0;
    answer = () => ({ status: 200, body: { Response: { SendStatusSet: [{ Code: "Ok", Message: "send success" }], RequestId: "r" } } });
    await tencent().send({ phone: "13800001000", code: "654321", minutes: 5 });
    const [request] = received;
    expect(JSON.parse(request!.body)).toEqual({
      PhoneNumberSet: ["+8613800001000"],
      SmsSdkAppId: "1400000000",
      SignName: "客服工作台",
      TemplateId: "1234567",
      TemplateParamSet: ["654321", "5"],
    });
    expect(request!.headers).toMatchObject({ "x-tc-action": "SendSms", "x-tc-version": "2021-01-11", "x-tc-region": "ap-guangzhou" });
    const expected = signTc3({
      host: request!.headers.host!,
      service: "sms",
      action: "SendSms",
      version: "2021-01-11",
      body: request!.body,
      secretId: "AKIDtest",
      secretKey: "tc-secret",
      timestamp: Number(request!.headers["x-tc-timestamp"]),
    });
    expect(request!.headers.authorization).toBe(expected.authorization);
  });

  it("fails on an error answer or a failed status", async () => {
    answer = () => ({ status: 200, body: { Response: { Error: { Code: "AuthFailure.SignatureFailure", Message: "bad" } } } });
    await expect(tencent().send({ phone: "13800001000", code: "1", minutes: 5 })).rejects.toThrow(/SignatureFailure/);
    answer = () => ({ status: 200, body: { Response: { SendStatusSet: [{ Code: "LimitExceeded.PhoneNumberDailyLimit", Message: "limit" }] } } });
    await expect(tencent().send({ phone: "13800001000", code: "1", minutes: 5 })).rejects.toThrow(/PhoneNumberDailyLimit/);
  });
});

describe("fallback order", () => {
  it("tries the next sender when one fails, records each attempt, and keeps no code for real providers", async () => {
    received.length = 0;
    answer = (request) =>
      request.headers["x-acs-action"]
        ? { status: 503, body: { Code: "ServiceUnavailable" } }
        : { status: 200, body: { Response: { SendStatusSet: [{ Code: "Ok" }] } } };
    const before = await h.db.smsMessage.count();
    expect(await sendSmsCode(h.db, [aliyun(), tencent()], { phone: "13800001000", code: "246810", minutes: 5 })).toBe("tencent");
    const rows = await h.db.smsMessage.findMany({ orderBy: { id: "asc" }, skip: before });
    expect(rows.map((r) => [r.provider, r.status])).toEqual([
      ["aliyun", "FAILED"],
      ["tencent", "SENT"],
    ]);
    expect(JSON.stringify(rows)).not.toContain("246810");
  });

  it("reads the order from SMS_PROVIDERS, defaulting to the development sender outside production only", () => {
    const env = (extra: Record<string, string>) => apiEnvSchema.parse({ ...extra });
    expect(configuredProviders(env({}))).toEqual(["dev"]);
    expect(configuredProviders(env({ NODE_ENV: "production" }))).toEqual([]);
    const both = {
      SMS_PROVIDERS: "tencent, aliyun",
      ALIYUN_SMS_ACCESS_KEY_ID: "a",
      ALIYUN_SMS_ACCESS_KEY_SECRET: "b",
      ALIYUN_SMS_SIGN_NAME: "c",
      ALIYUN_SMS_TEMPLATE_CODE: "d",
      TENCENT_SMS_SECRET_ID: "a",
      TENCENT_SMS_SECRET_KEY: "b",
      TENCENT_SMS_SDK_APP_ID: "c",
      TENCENT_SMS_SIGN_NAME: "d",
      TENCENT_SMS_TEMPLATE_ID: "e",
    };
    expect(configuredProviders(env(both))).toEqual(["tencent", "aliyun"]);
    expect(apiEnvSchema.safeParse({ SMS_PROVIDERS: "aliyun" }).error?.issues.map((i) => i.path[0])).toContain("ALIYUN_SMS_ACCESS_KEY_ID");
    expect(apiEnvSchema.safeParse({ SMS_PROVIDERS: "twilio" }).success).toBe(false);
  });
});
