/**
 * Integration-test harness: a freshly migrated database per test file, one user per role, and
 * callers made with `createContextInner` (no HTTP needed).
 */
import type { Db, Role } from "@kefu/db/client";
import { hashPassword } from "@kefu/db/password";
import { createTestDatabase, type TestDatabase } from "@kefu/db/test-database";
import { createCaller } from "../root.ts";
import { registerCoreSubscribers } from "../subscribers.ts";
import type { SessionUser } from "../services/auth/sign-in.ts";
import { createContextInner } from "../trpc.ts";

export const TEST_PASSWORD = "Correct-Horse-42";

export interface Harness {
  database: TestDatabase;
  db: Db;
  users: Record<Role, SessionUser>;
  callerFor: (user: SessionUser | null) => ReturnType<typeof createCaller>;
  createUser: (role: Role, overrides?: { employeeNo?: string; email?: string; password?: string }) => Promise<SessionUser>;
}

let counter = 0;

export async function createHarness(): Promise<Harness> {
  // as the API's entry point does when a process starts
  registerCoreSubscribers();
  const database = await createTestDatabase();
  const db = database.db;
  const createUser: Harness["createUser"] = async (role, overrides = {}) => {
    counter++;
    const employeeNo = overrides.employeeNo ?? `${role[0]}${String(counter).padStart(4, "0")}`;
    const user = await db.user.create({
      data: {
        employeeNo,
        name: `${role}-${counter}`,
        email: overrides.email ?? `${employeeNo.toLowerCase()}@test.kefu.cn`,
        role,
        passwordHash: await hashPassword(overrides.password ?? TEST_PASSWORD),
      },
    });
    return { id: user.id, name: user.name, employeeNo: user.employeeNo, role: user.role, sessionVersion: user.sessionVersion, locale: user.locale };
  };
  const users = {
    ADMIN: await createUser("ADMIN"),
    SUPERVISOR: await createUser("SUPERVISOR"),
    AGENT: await createUser("AGENT"),
    QA: await createUser("QA"),
  };
  return {
    database,
    db,
    users,
    createUser,
    callerFor: (user) => createCaller(createContextInner({ db, session: user, ip: "127.0.0.1", userAgent: "vitest" })),
  };
}

/** Runs a call and returns the tRPC error code and data it failed with (or "OK"). */
export async function outcome(call: () => Promise<unknown>): Promise<{ code: string; message?: string; appCode?: string; field?: string }> {
  try {
    await call();
    return { code: "OK" };
  } catch (error) {
    const e = error as { code?: string; message?: string; cause?: { code?: string; field?: string; issues?: { path: PropertyKey[] }[] } };
    const field = e.cause?.field ?? e.cause?.issues?.[0]?.path.map(String).join(".");
    return { code: e.code ?? "UNKNOWN", message: e.message, appCode: e.cause?.code, field };
  }
}
