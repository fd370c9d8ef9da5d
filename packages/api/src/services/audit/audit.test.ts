import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import { appendAudit } from "./append.ts";
import { listAuditLogs } from "./list.ts";
import { displayIp } from "./present.ts";
import { verifyAuditChain } from "./verify.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("audit hash chain", () => {
  it("records every mutation with actor, action, target and IP, without secrets", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const created = await admin.user.create({ employeeNo: "A9001", name: "张三", email: "a9001@test.kefu.cn", role: "AGENT", password: "Str0ng-Passw0rd!" });
    const row = await h.db.auditLog.findFirstOrThrow({ where: { action: "user.create" }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actorId: h.users.ADMIN.id, targetType: "User", targetId: String(created.id), ip: "127.0.0.1", result: "SUCCESS" });
    expect(JSON.stringify(row.detail)).not.toContain("Str0ng-Passw0rd!");
  });

  it("chains appends made concurrently without forking", async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => appendAudit(h.db, { action: "test.concurrent", targetId: i })));
    const verdict = await verifyAuditChain(h.db);
    expect(verdict.ok).toBe(true);
    const hashes = await h.db.auditLog.findMany({ select: { prevHash: true } });
    expect(new Set(hashes.map((r) => r.prevHash)).size).toBe(hashes.length);
  });

  it("reports the first broken link when a row is edited", async () => {
    const ids = (await h.db.auditLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    const victim = ids[Math.floor(ids.length / 2)]!;
    const original = await h.db.auditLog.findUniqueOrThrow({ where: { id: victim } });
    await h.db.auditLog.update({ where: { id: victim }, data: { action: "tampered" } });
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: false, brokenAtId: victim, reason: "hash_mismatch" });
    await h.db.auditLog.update({ where: { id: victim }, data: { action: original.action } });
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it("reports a deleted row and a truncated tail", async () => {
    const ids = (await h.db.auditLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    const middle = ids[3]!;
    const row = await h.db.auditLog.findUniqueOrThrow({ where: { id: middle } });
    await h.db.auditLog.delete({ where: { id: middle } });
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: false, brokenAtId: ids[4], reason: "prev_hash_mismatch" });
    await h.db.auditLog.create({ data: { ...row, detail: row.detail ?? undefined } });

    const last = ids.at(-1)!;
    const lastRow = await h.db.auditLog.findUniqueOrThrow({ where: { id: last } });
    await h.db.auditLog.delete({ where: { id: last } });
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: false, reason: "head_mismatch" });
    await h.db.auditLog.create({ data: { ...lastRow, detail: lastRow.detail ?? undefined } });
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it("cannot be rebuilt without the key: a forged row with a plain SHA-256 is caught", async () => {
    const { createHash } = await import("node:crypto");
    const head = await h.db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    const forged = createHash("sha256")
      .update(head.lastHash + "forged")
      .digest("hex");
    const row = await h.db.auditLog.create({ data: { action: "forged", prevHash: head.lastHash, hash: forged } });
    await h.db.auditChainHead.update({ where: { id: 1 }, data: { lastHash: forged, lastId: row.id } });
    expect(await verifyAuditChain(h.db)).toMatchObject({ ok: false, brokenAtId: row.id, reason: "hash_mismatch" });
  });

  it("lists rows with their targets by name and IPv4 clients as IPv4", async () => {
    const admin = h.callerFor(h.users.ADMIN);
    const team = await admin.team.create({ name: "审计展示组" });
    await admin.team.update({ id: team.id, description: "改了描述" });
    await appendAudit(h.db, { action: "user.unlock", targetType: "User", targetId: h.users.AGENT.id, ip: "::ffff:10.20.30.40" });
    await appendAudit(h.db, { action: "team.delete", targetType: "Team", targetId: 987_654, ip: "2001:db8::1" });
    const { items } = await listAuditLogs(h.db, { limit: 4 });
    const [gone, unlocked, updated] = items;
    expect(unlocked).toMatchObject({ ip: "10.20.30.40", target: { type: "User", name: h.users.AGENT.name, code: h.users.AGENT.employeeNo } });
    expect(gone).toMatchObject({ ip: "2001:db8::1", target: { type: "Team", id: "987654", name: null } });
    expect(updated).toMatchObject({ action: "team.update", target: { type: "Team", id: String(team.id), name: "审计展示组" } });
  });

  it("writes IPv4-mapped IPv6 addresses as IPv4 and leaves others alone", () => {
    expect(displayIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(displayIp("::FFFF:192.168.1.20")).toBe("192.168.1.20");
    expect(displayIp("::1")).toBe("::1");
    expect(displayIp("203.0.113.9")).toBe("203.0.113.9");
    expect(displayIp(null)).toBeNull();
  });
});
