import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../test/harness.ts";
import { handlePasskeySignInOptions, handleSmsCodeRequest } from "./sign-in-api.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://kefu.test${path}`, {
    method: "POST",
    headers: { host: "kefu.test", origin: "http://kefu.test", "content-type": "application/json", "x-forwarded-for": "192.0.2.200", ...headers },
    body,
  });

describe("POST /api/sign-in/sms-code", () => {
  it("answers with the resend delay, the same for any well-formed phone", async () => {
    const response = await handleSmsCodeRequest(h.db, post("/api/sign-in/sms-code", JSON.stringify({ phone: "13711112222" })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    const again = await handleSmsCodeRequest(h.db, post("/api/sign-in/sms-code", JSON.stringify({ phone: "13711112222" })));
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("Retry-After"))).toBeGreaterThan(55);
  });

  it("names the field of bad input, writes nothing, and refuses other sites", async () => {
    const before = await h.db.smsCode.count();
    for (const body of [JSON.stringify({ phone: "123" }), JSON.stringify({ phone: 13711112222 }), JSON.stringify({})]) {
      const response = await handleSmsCodeRequest(h.db, post("/api/sign-in/sms-code", body));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "INVALID_INPUT", field: "phone" } });
    }
    const malformed = await handleSmsCodeRequest(h.db, post("/api/sign-in/sms-code", "{"));
    expect(await malformed.json()).toMatchObject({ error: { code: "INVALID_INPUT", field: "body" } });
    const crossSite = await handleSmsCodeRequest(
      h.db,
      post("/api/sign-in/sms-code", JSON.stringify({ phone: "13711113333" }), { origin: "https://evil.example" }),
    );
    expect(crossSite.status).toBe(403);
    expect(await h.db.smsCode.count()).toBe(before);
  });
});

describe("POST /api/sign-in/passkey-options", () => {
  it("issues a fresh challenge kept 60 s", async () => {
    const response = await handlePasskeySignInOptions(h.db, post("/api/sign-in/passkey-options", "{}"));
    const options = (await response.json()) as { challenge: string; rpId: string; userVerification: string };
    expect(options).toMatchObject({ rpId: "localhost", userVerification: "required" });
    const row = await h.db.webAuthnChallenge.findUnique({ where: { challenge: options.challenge } });
    expect(row?.purpose).toBe("authenticate");
    expect(row!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });
});
