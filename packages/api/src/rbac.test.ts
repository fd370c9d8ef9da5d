/**
 * Walks every tRPC procedure × every role against the permission matrix: a role without the
 * procedure's permission gets FORBIDDEN (and an audit row); a role with it never does.
 */
import type { AnyProcedure } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root.ts";
import { can, ROLES } from "./permissions.ts";
import type { Meta } from "./trpc.ts";
import { createHarness, outcome, type Harness } from "./test/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

function callPath(caller: unknown, path: string, input: unknown) {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  return fn(input);
}

describe("RBAC", () => {
  it("covers every procedure", () => {
    expect(procedures.length).toBeGreaterThan(20);
  });

  it("refuses anonymous callers on every non-public procedure", async () => {
    for (const [path] of procedures) {
      const result = await outcome(() => callPath(h.callerFor(null), path, {}));
      expect(result.code, path).toBe("UNAUTHORIZED");
    }
  });

  for (const role of ROLES) {
    it(`${role}: allowed exactly where the matrix says`, async () => {
      const caller = h.callerFor(h.users[role]);
      for (const [path, procedure] of procedures) {
        const permission = (procedure._def.meta as Meta | undefined)?.permission;
        // An empty input reaches input validation only after the permission check passed.
        const result = await outcome(() => callPath(caller, path, { id: 999_999 }));
        if (!permission || can(role, permission)) expect(result.code, `${role} ${path}`).not.toBe("FORBIDDEN");
        else expect(result.code, `${role} ${path}`).toBe("FORBIDDEN");
        expect(result.code, `${role} ${path}`).not.toBe("INTERNAL_SERVER_ERROR");
      }
    });
  }

  it("writes a DENIED audit row for a refused call", async () => {
    await outcome(() => h.callerFor(h.users.AGENT).user.create({} as never));
    const row = await h.db.auditLog.findFirst({ where: { actorId: h.users.AGENT.id, action: "user.create" }, orderBy: { id: "desc" } });
    expect(row?.result).toBe("DENIED");
  });
});
