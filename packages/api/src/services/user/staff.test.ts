import { decryptField } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { verifyPassword } from "@kefu/db/password";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const valid = { employeeNo: "S1001", name: "李四", email: "s1001@test.kefu.cn", role: "AGENT" as const, password: "Welcome-To-Kefu-1" };

describe("staff management", () => {
  it("creates staff with teams, an encrypted phone and a password to change at first sign-in", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const team = await admin.team.create({ name: "售后服务" });
    const created = await admin.user.create({ ...valid, phone: "+86 138 0013 8000", teamIds: [team.id], maxConcurrent: 6 });
    expect(created).toMatchObject({ employeeNo: "S1001", role: "AGENT", maxConcurrent: 6, phoneLast4: "8000", teams: [{ team: { id: team.id } }] });
    const row = await h.db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(row.passwordHash, valid.password)).toBe(true);
    expect(decryptField(fieldKeysFromEnv(), row.phoneEnc!)).toBe("13800138000");
    expect(JSON.stringify(row)).not.toContain("13800138000");
  });

  it("refuses a taken employee number or email, naming the field, and writes nothing", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const before = await h.db.user.count();
    expect(await outcome(() => admin.user.create({ ...valid, email: "other@test.kefu.cn" }))).toMatchObject({
      code: "CONFLICT",
      appCode: "EMPLOYEE_NO_TAKEN",
      field: "employeeNo",
    });
    expect(await outcome(() => admin.user.create({ ...valid, employeeNo: "S1002" }))).toMatchObject({
      code: "CONFLICT",
      appCode: "EMAIL_TAKEN",
      field: "email",
    });
    expect(await h.db.user.count()).toBe(before);
  });

  it.each([
    ["empty employee number", { employeeNo: "" }, "employeeNo"],
    ["too long name", { name: "名".repeat(65) }, "name"],
    ["bad email", { email: "not-an-email" }, "email"],
    ["wrong type", { maxConcurrent: "five" }, "maxConcurrent"],
    ["unknown role", { role: "ROOT" }, "role"],
    ["short password", { password: "short" }, "password"],
    ["bad phone", { phone: "12345" }, "phone"],
  ])("rejects %s with BAD_REQUEST naming the field", async (_label, patch, field) => {
    const admin = h.callerFor(h.users.ADMIN);
    const before = await h.db.user.count();
    const result = await outcome(() => admin.user.create({ ...valid, employeeNo: "S2000", email: "s2000@test.kefu.cn", ...patch } as never));
    expect(result).toMatchObject({ code: "BAD_REQUEST", field });
    expect(await h.db.user.count()).toBe(before);
  });

  it("refuses common passwords", async () => {
    const result = await outcome(() =>
      h.callerFor(h.users.ADMIN).user.create({ ...valid, employeeNo: "S2001", email: "s2001@test.kefu.cn", password: "password123" }),
    );
    expect(result).toMatchObject({ code: "BAD_REQUEST", appCode: "COMMON_PASSWORD", field: "password" });
  });

  it("answers NOT_FOUND for unknown ids, including unknown teams", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    expect(await outcome(() => admin.user.get({ id: 987_654 }))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(await outcome(() => admin.user.update({ id: 987_654, name: "x" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await outcome(() => admin.user.create({ ...valid, employeeNo: "S2002", email: "s2002@test.kefu.cn", teamIds: [987_654] }))).toMatchObject({
      code: "NOT_FOUND",
      field: "teamIds",
    });
  });

  it("a role change, a disable, a reset and a force logout each end the user's sessions", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const user = await h.createUser("AGENT");
    const version = async () => (await h.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    await admin.user.update({ id: user.id, role: "SUPERVISOR" });
    expect(await version()).toBe(1);
    await admin.user.update({ id: user.id, name: "改名不影响会话" });
    expect(await version()).toBe(1);
    await admin.user.resetPassword({ id: user.id, password: "Another-Strong-1" });
    expect(await version()).toBe(2);
    await admin.user.forceLogout({ id: user.id });
    expect(await version()).toBe(3);
    await admin.user.setDisabled({ id: user.id, disabled: true });
    expect(await version()).toBe(4);
    expect((await admin.user.list({ status: "disabled" })).items.map((u) => u.id)).toContain(user.id);
  });

  it("keeps an admin from locking themselves out and keeps one admin", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    expect(await outcome(() => admin.user.setDisabled({ id: h.users.ADMIN.id, disabled: true }))).toMatchObject({ appCode: "CANNOT_CHANGE_SELF" });
    expect(await outcome(() => admin.user.update({ id: h.users.ADMIN.id, role: "AGENT" }))).toMatchObject({ appCode: "CANNOT_CHANGE_SELF", field: "role" });
  });

  it("lists with keyset pagination and search", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    for (let i = 0; i < 5; i++) await h.createUser("AGENT");
    const first = await admin.user.list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await admin.user.list({ limit: 3, cursor: first.nextCursor });
    expect(second.items[0]!.id).toBeGreaterThan(first.items[2]!.id);
    expect((await admin.user.list({ search: "S1001" })).items.map((u) => u.employeeNo)).toEqual(["S1001"]);
  });

  it("changing one's own password needs the current one", async () => {
    const user = await h.createUser("AGENT");
    const me = h.callerFor(user);
    expect(await outcome(() => me.auth.changePassword({ currentPassword: "wrong", newPassword: "Brand-New-Pass-9" }))).toMatchObject({
      appCode: "WRONG_CURRENT_PASSWORD",
      field: "currentPassword",
    });
    await me.auth.changePassword({ currentPassword: "Correct-Horse-42", newPassword: "Brand-New-Pass-9" });
    const row = await h.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash, "Brand-New-Pass-9")).toBe(true);
    expect(row.mustChangePassword).toBe(false);
  });
});

describe("teams", () => {
  it("manages members and refuses to delete a team that has them", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const team = await admin.team.create({ name: "技术支持", description: "二线技术问题" });
    expect(await outcome(() => admin.team.create({ name: "技术支持" }))).toMatchObject({ code: "CONFLICT", appCode: "TEAM_NAME_TAKEN", field: "name" });
    await admin.team.setMembers({
      id: team.id,
      members: [
        { userId: h.users.AGENT.id, isLead: false },
        { userId: h.users.SUPERVISOR.id, isLead: true },
      ],
    });
    const detail = await admin.team.get({ id: team.id });
    expect(detail.members).toHaveLength(2);
    const listed = (await admin.team.list()).find((t) => t.id === team.id);
    expect(listed).toMatchObject({ memberCount: 2, leads: [{ id: h.users.SUPERVISOR.id }] });
    expect(await outcome(() => admin.team.delete({ id: team.id }))).toMatchObject({ appCode: "TEAM_NOT_EMPTY" });
    await admin.team.setMembers({ id: team.id, members: [] });
    await admin.team.delete({ id: team.id });
    expect(await outcome(() => admin.team.get({ id: team.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("rejects a too-long team name and an unknown member", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    expect(await outcome(() => admin.team.create({ name: "组".repeat(65) }))).toMatchObject({ code: "BAD_REQUEST", field: "name" });
    const team = await admin.team.create({ name: "VIP专席" });
    expect(await outcome(() => admin.team.setMembers({ id: team.id, members: [{ userId: 999_999, isLead: false }] }))).toMatchObject({
      code: "NOT_FOUND",
      field: "members",
    });
  });
});
