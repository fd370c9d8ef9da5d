import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHarness, TEST_PASSWORD, type Harness } from "../../test/harness.ts";
import { getRateLimiter } from "../rate-limit/index.ts";
import { checkSession } from "./session.ts";
import { signInWithPassword } from "./sign-in.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

let ipCounter = 0;
let ip = "10.0.0.1";
beforeEach(() => {
  ip = `192.0.2.${++ipCounter}`;
});

const attempt = (identifier: string, password: string, from = ip) =>
  signInWithPassword(h.db, { identifier, password, ip: from, userAgent: "vitest" }).then(
    (user) => ({ ok: true as const, user }),
    (error: { code: string; params?: Record<string, unknown> }) => ({ ok: false as const, code: error.code, params: error.params }),
  );

describe("password sign-in", () => {
  it("accepts the employee number or the email, case-insensitively for email", async () => {
    const user = await h.createUser("AGENT", { employeeNo: "E7001", email: "e7001@test.kefu.cn" });
    expect(await attempt("E7001", TEST_PASSWORD)).toMatchObject({ ok: true, user: { id: user.id, role: "AGENT" } });
    expect(await attempt("E7001@Test.Kefu.cn", TEST_PASSWORD)).toMatchObject({ ok: true, user: { id: user.id } });
    const attempts = await h.db.loginAttempt.count({ where: { userId: user.id, success: true } });
    expect(attempts).toBe(2);
  });

  it("refuses an over-long identifier or password as bad input naming the field, never signing in with a cut one", async () => {
    const user = await h.createUser("AGENT", { employeeNo: "E7010" });
    const attemptsBefore = await h.db.loginAttempt.count();
    expect(await attempt("E7010", TEST_PASSWORD + "x".repeat(200))).toMatchObject({ ok: false, code: "INVALID_INPUT", params: { rule: "too_big" } });
    const tooLong = await signInWithPassword(h.db, { identifier: `E7010${" ".repeat(200)}`, password: TEST_PASSWORD, ip, userAgent: "vitest" }).catch(
      (error: unknown) => error,
    );
    expect(tooLong).toMatchObject({ code: "INVALID_INPUT", field: "identifier", params: { rule: "too_big", max: 191, origin: "string" } });
    expect(await attempt("E7010", "y".repeat(129))).toMatchObject({ ok: false, code: "INVALID_INPUT", params: { max: 128 } });
    // nothing written: no attempt counted against the account
    expect(await h.db.loginAttempt.count()).toBe(attemptsBefore);
    expect(await attempt("E7010", TEST_PASSWORD)).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    await h.createUser("AGENT", { employeeNo: "E7002" });
    expect(await attempt("nobody", TEST_PASSWORD)).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS" });
    expect(await attempt("E7002", "wrong-password")).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS" });
  });

  it("locks the account on the fifth failure in 15 minutes, ends its sessions, alerts and audits", async () => {
    const user = await h.createUser("AGENT", { employeeNo: "E7003" });
    for (let i = 1; i <= 4; i++)
      expect(await attempt("E7003", "wrong-password")).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS", params: { remaining: 5 - i } });
    expect(await attempt("E7003", "wrong-password")).toMatchObject({ ok: false, code: "ACCOUNT_LOCKED" });
    // the right password no longer helps while locked
    expect(await attempt("E7003", TEST_PASSWORD)).toMatchObject({ ok: false, code: "ACCOUNT_LOCKED" });

    const row = await h.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    const alert = await h.db.securityAlert.findFirst({ where: { userId: user.id, type: "ACCOUNT_LOCKED" } });
    expect(alert?.severity).toBe("HIGH");
    expect(await h.db.auditLog.count({ where: { action: "auth.accountLocked", targetId: String(user.id) } })).toBe(1);
    expect(await h.db.auditLog.count({ where: { action: "auth.signIn", actorId: user.id, result: "FAILURE" } })).toBe(6);

    // An existing session is now invalid.
    const check = await checkSession(h.db, {
      userId: user.id,
      role: "AGENT",
      sessionVersion: user.sessionVersion,
      signedInAt: Date.now(),
      lastActiveAt: Date.now(),
    });
    expect(check).toMatchObject({ valid: false });
  });

  it("lets the user in again once the lock has passed, counting failures afresh", async () => {
    const user = await h.createUser("AGENT", { employeeNo: "E7004" });
    for (let i = 0; i < 5; i++) await attempt("E7004", "wrong-password");
    // the failures happened ten minutes ago, and the lock they caused ran out a second ago
    await h.db.loginAttempt.updateMany({ where: { userId: user.id }, data: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    await h.db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await attempt("E7004", "wrong-password")).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS", params: { remaining: 4 } });
    expect(await attempt("E7004", TEST_PASSWORD)).toMatchObject({ ok: true });
  });

  it("refuses a disabled account only after the password is right", async () => {
    const user = await h.createUser("AGENT", { employeeNo: "E7005" });
    await h.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await attempt("E7005", "wrong-password")).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS" });
    expect(await attempt("E7005", TEST_PASSWORD)).toMatchObject({ ok: false, code: "ACCOUNT_DISABLED" });
  });

  it("rate-limits sign-in per IP address", async () => {
    await getRateLimiter().reset("login:203.0.113.9");
    const results = [];
    for (let i = 0; i < 32; i++) results.push(await attempt(`ghost${i}`, "x", "203.0.113.9"));
    expect(results.slice(0, 30).every((r) => !r.ok && r.code === "INVALID_CREDENTIALS")).toBe(true);
    expect(results[30]).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await h.db.securityAlert.count({ where: { type: "IP_RATE_LIMITED", ip: "203.0.113.9" } })).toBe(1);
    // another address is not affected
    expect(await attempt("ghost", "x", "203.0.113.10")).toMatchObject({ ok: false, code: "INVALID_CREDENTIALS" });
  });
});

describe("session rules", () => {
  it("ends sessions on a bumped session version, idle time and absolute age", async () => {
    const user = await h.createUser("AGENT");
    const now = Date.now();
    const claims = { userId: user.id, role: user.role, sessionVersion: user.sessionVersion, signedInAt: now, lastActiveAt: now };
    expect(await checkSession(h.db, claims, now)).toMatchObject({ valid: true });
    expect(await checkSession(h.db, { ...claims, lastActiveAt: now - 31 * 60_000 }, now)).toEqual({ valid: false, reason: "idle" });
    expect(await checkSession(h.db, { ...claims, signedInAt: now - 13 * 3_600_000 }, now)).toEqual({ valid: false, reason: "expired" });
    await h.db.setting.create({ data: { key: "security.session", value: { idleMinutes: 60, absoluteHours: 24 } } });
    expect(await checkSession(h.db, { ...claims, lastActiveAt: now - 31 * 60_000, signedInAt: now - 13 * 3_600_000 }, now)).toMatchObject({ valid: true });
    await h.callerFor(h.users.ADMIN).user.forceLogout({ id: user.id });
    expect(await checkSession(h.db, claims, now)).toEqual({ valid: false, reason: "revoked" });
  });
});
