import { protectPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHarness, TEST_PASSWORD, type Harness } from "../../test/harness.ts";
import type { SmsSender } from "../sms/index.ts";
import { signInWithPassword } from "./sign-in.ts";
import { requestSmsCode, signInWithSmsCode } from "./sms-code.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const sent: { phone: string; code: string }[] = [];
const capture: SmsSender = {
  name: "dev",
  send: (message) => {
    sent.push(message);
    return Promise.resolve();
  },
};
let ipCounter = 0;
let ip = "";
beforeEach(() => {
  ip = `198.51.100.${++ipCounter}`;
});

let phoneCounter = 0;
async function staffWithPhone() {
  const phone = `1391234${String(++phoneCounter).padStart(4, "0")}`;
  const user = await h.createUser("AGENT");
  await h.db.user.update({ where: { id: user.id }, data: protectPhone(fieldKeysFromEnv(), phone) });
  return { user, phone };
}

async function issue(phone: string, now?: Date) {
  const issued = await requestSmsCode(h.db, { phone, ip, userAgent: "vitest" }, { senders: [capture], now });
  await issued.delivery;
  return issued;
}
const lastCodeTo = (phone: string) => sent.filter((m) => m.phone === phone).at(-1)?.code;
const attempt = (phone: string, code: string, now?: Date) =>
  signInWithSmsCode(h.db, { phone, code, ip, userAgent: "vitest" }, now).then(
    (user) => ({ ok: true as const, user }),
    (error: { code: string; field?: string; params?: Record<string, unknown> }) => ({
      ok: false as const,
      code: error.code,
      field: error.field,
      params: error.params,
    }),
  );

describe("SMS code sign-in", () => {
  it("signs in with the code sent to the staff member's phone, once; the code is kept only as a hash", async () => {
    const { user, phone } = await staffWithPhone();
    expect(await issue(`+86 ${phone}`)).toMatchObject({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    const code = lastCodeTo(phone)!;
    expect(code).toMatch(/^\d{6}$/);
    const rows = await h.db.smsCode.findMany({ where: { ip } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(await attempt(phone, code)).toMatchObject({ ok: true, user: { id: user.id } });
    // single use
    expect(await attempt(phone, code)).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS" });
    const success = await h.db.loginAttempt.findFirst({ where: { userId: user.id, success: true } });
    expect(success).toMatchObject({ method: "SMS" });
  });

  it("answers the same for a phone no staff member has, sends nothing, and counts the same limits", async () => {
    const before = sent.length;
    const unknown = "13700000001";
    expect(await issue(unknown)).toMatchObject({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    expect(sent.length).toBe(before);
    expect(await h.db.smsCode.count({ where: { ip } })).toBe(1);
    await expect(requestSmsCode(h.db, { phone: unknown, ip, userAgent: "vitest" }, { senders: [capture] })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await attempt(unknown, "123456")).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS", params: undefined });
  });

  it("expires a code after 5 minutes", async () => {
    const { phone } = await staffWithPhone();
    await issue(phone);
    const later = new Date(Date.now() + 301_000);
    expect(await attempt(phone, lastCodeTo(phone)!, later)).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS" });
  });

  it("kills a code after 5 wrong tries, and the wrong tries count toward the account lockout with the same alert", async () => {
    const { user, phone } = await staffWithPhone();
    await issue(phone);
    const code = lastCodeTo(phone)!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) expect(await attempt(phone, wrong)).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS", params: undefined });
    // the fifth failure within the window locks, as five wrong passwords do (security.lockout default: 5)
    const fifth = await attempt(phone, wrong);
    expect(fifth).toMatchObject({ ok: false, code: "ACCOUNT_LOCKED" });
    const alert = await h.db.securityAlert.findFirst({ where: { userId: user.id, type: "ACCOUNT_LOCKED" } });
    expect(alert?.detail).toMatchObject({ method: "SMS", failures: 5 });
    const row = await h.db.smsCode.findFirst({ where: { ip }, orderBy: { id: "desc" } });
    expect(row?.attempts).toBe(5);
    // locked: even the right code (and the right password) is refused now
    expect(await attempt(phone, code)).toMatchObject({ ok: false, code: "ACCOUNT_LOCKED" });
    await expect(signInWithPassword(h.db, { identifier: user.employeeNo, password: TEST_PASSWORD, ip, userAgent: "vitest" })).rejects.toMatchObject({
      code: "ACCOUNT_LOCKED",
    });
  });

  it("a code dead after 5 wrong tries stays dead even when the account is not locked", async () => {
    const { user, phone } = await staffWithPhone();
    await issue(phone);
    const code = lastCodeTo(phone)!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      await attempt(phone, wrong);
      // unlock between tries so that only the code's own limit is under test
      await h.db.user.update({ where: { id: user.id }, data: { lockedUntil: null, lastLoginAt: new Date() } });
    }
    expect(await attempt(phone, code)).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS" });
  });

  it("mixes wrong passwords and wrong codes in one lockout count", async () => {
    const { user, phone } = await staffWithPhone();
    await issue(phone);
    for (let i = 0; i < 3; i++)
      await expect(signInWithPassword(h.db, { identifier: user.employeeNo, password: "wrong-password", ip, userAgent: "vitest" })).rejects.toMatchObject({
        code: "INVALID_CREDENTIALS",
      });
    expect(await attempt(phone, "999999" === lastCodeTo(phone) ? "888888" : "999999")).toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect(await attempt(phone, "999999" === lastCodeTo(phone) ? "888888" : "999999")).toMatchObject({ code: "ACCOUNT_LOCKED" });
  });

  it("waits 60 s between codes, allows 5 an hour and 10 a day per phone; only the newest code works", async () => {
    const { phone } = await staffWithPhone();
    const start = Date.now() - 23 * 3600_000;
    const at = (seconds: number) => new Date(start + seconds * 1000);
    await issue(phone, at(0));
    await expect(issue(phone, at(30))).rejects.toMatchObject({ code: "RATE_LIMITED", params: { seconds: 30 } });
    for (let i = 1; i < 5; i++) await issue(phone, at(i * 61));
    await expect(issue(phone, at(5 * 61))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // the next hour: five more, then the day is full
    for (let i = 0; i < 5; i++) await issue(phone, at(3700 + i * 61));
    await expect(issue(phone, at(7400))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await h.db.smsCode.count({ where: { ip, consumedAt: null } })).toBe(1);
  });

  it("limits codes per IP address over all phones", async () => {
    const limit = 20; // SMS_CODE_PER_IP_PER_HOUR default
    for (let i = 0; i < limit; i++) await issue(`1370000${String(1000 + i)}`);
    await expect(issue("13700009999")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await h.db.securityAlert.count({ where: { type: "IP_RATE_LIMITED", ip } })).toBe(1);
  });

  it("names the field of bad input and writes nothing", async () => {
    const codes = await h.db.smsCode.count();
    const attempts = await h.db.loginAttempt.count();
    await expect(requestSmsCode(h.db, { phone: "12345", ip, userAgent: "vitest" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "phone" });
    await expect(requestSmsCode(h.db, { phone: "1".repeat(40), ip, userAgent: "vitest" })).rejects.toMatchObject({ code: "INVALID_INPUT", field: "phone" });
    expect(await attempt("13912340001", "12345")).toMatchObject({ ok: false, code: "INVALID_INPUT", field: "code" });
    expect(await attempt("13912340001", "12345a")).toMatchObject({ ok: false, code: "INVALID_INPUT", field: "code" });
    expect(await attempt("abc", "123456")).toMatchObject({ ok: false, code: "INVALID_INPUT", field: "phone" });
    expect(await h.db.smsCode.count()).toBe(codes);
    expect(await h.db.loginAttempt.count()).toBe(attempts);
  });
});
