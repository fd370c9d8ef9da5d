/**
 * Password sign-in (employee number or email). Lockout: N failures within the window lock the
 * account, end its sessions, raise a security alert and are audited.
 */
import type { Db, Role } from "@kefu/db/client";
import { verifyPassword } from "@kefu/db/password";
import { apiEnv } from "../../env.ts";
import { SERVICE_AUDIT_ACTIONS } from "../../contracts/audit.ts";
import { signInInput } from "../../contracts/user.ts";
import { AppError, parseInput } from "../../errors.ts";
import { appendAudit } from "../audit/index.ts";
import { getRateLimiter } from "../rate-limit/index.ts";
import { raiseSecurityAlert } from "../security/index.ts";
import { getSetting } from "../settings/index.ts";

export interface SignInRequest {
  identifier: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionUser {
  id: number;
  name: string;
  employeeNo: string;
  role: Role;
  sessionVersion: number;
  locale: string;
}

// A real argon2id hash of a random string, verified against when the account does not exist so
// that response time does not reveal which employee numbers are valid.
const TIMING_DECOY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$1WrXRl2ZLChteG1QsiTbcA$9zTnXeh7q6VbtNnapLPHkt9VzYwelSeep/jJyz5u7EY";

export type SignInMethod = "PASSWORD" | "SMS" | "WEBAUTHN";

export async function recordAttempt(
  db: Db,
  attempt: {
    userId: number | null;
    identifier: string;
    success: boolean;
    reason?: string;
    ip: string | null;
    userAgent: string | null;
    method?: SignInMethod;
  },
) {
  await db.loginAttempt.create({
    data: {
      userId: attempt.userId,
      identifier: attempt.identifier.slice(0, 191),
      method: attempt.method ?? "PASSWORD",
      success: attempt.success,
      reason: attempt.reason ?? null,
      ip: attempt.ip?.slice(0, 45) ?? null,
      userAgent: attempt.userAgent?.slice(0, 255) ?? null,
    },
  });
  await appendAudit(db, {
    actorId: attempt.userId,
    actorLabel: attempt.identifier.slice(0, 64),
    action: SERVICE_AUDIT_ACTIONS.signIn,
    targetType: "User",
    targetId: attempt.userId,
    result: attempt.success ? "SUCCESS" : "FAILURE",
    ip: attempt.ip,
    userAgent: attempt.userAgent,
    detail:
      attempt.method && attempt.method !== "PASSWORD"
        ? { ...(attempt.reason ? { reason: attempt.reason } : {}), method: attempt.method }
        : attempt.reason
          ? { reason: attempt.reason }
          : null,
  });
}

/** The per-IP limit on sign-in attempts, shared by every method. */
export async function limitSignInsPerIp(db: Db, request: { ip: string | null }, detail: Record<string, string>) {
  const limit = await getRateLimiter().hit(`login:${request.ip ?? "unknown"}`, apiEnv().LOGIN_RATE_LIMIT_PER_IP, 15 * 60);
  if (!limit.allowed && limit.count === apiEnv().LOGIN_RATE_LIMIT_PER_IP + 1) {
    await raiseSecurityAlert(db, { type: "IP_RATE_LIMITED", severity: "MEDIUM", ip: request.ip, detail });
  }
  return limit;
}

/**
 * A wrong secret (password or SMS code) for a known account: counts toward the lockout shared by every method; at the
 * limit locks the account, ends its sessions, audits and raises the ACCOUNT_LOCKED alert. Returns the error to throw.
 */
export async function countFailedSecret(
  db: Db,
  user: { id: number; lastLoginAt: Date | null; lockedUntil: Date | null },
  request: { identifier: string; ip: string | null; userAgent: string | null; method: SignInMethod },
  now = new Date(),
): Promise<AppError> {
  const lockout = await getSetting(db, "security.lockout");
  // Failures count from the start of the window, but never from before the last success or the end of the last lock.
  const windowStart = new Date(Math.max(now.getTime() - lockout.windowMinutes * 60_000, user.lastLoginAt?.getTime() ?? 0, user.lockedUntil?.getTime() ?? 0));
  const earlierFailures = await db.loginAttempt.count({
    where: { userId: user.id, success: false, createdAt: { gte: windowStart }, reason: "INVALID_CREDENTIALS" },
  });
  const failures = earlierFailures + 1;
  const attempt = {
    userId: user.id,
    identifier: request.identifier,
    success: false,
    reason: "INVALID_CREDENTIALS",
    ip: request.ip,
    userAgent: request.userAgent,
    method: request.method,
  };
  if (failures >= lockout.maxFailures) {
    const lockedUntil = new Date(now.getTime() + lockout.lockMinutes * 60_000);
    await db.user.update({ where: { id: user.id }, data: { lockedUntil, failedLogins: failures, sessionVersion: { increment: 1 } } });
    await recordAttempt(db, attempt);
    await appendAudit(db, {
      actorId: null,
      actorLabel: "system",
      action: SERVICE_AUDIT_ACTIONS.accountLocked,
      targetType: "User",
      targetId: user.id,
      ip: request.ip,
      userAgent: request.userAgent,
      detail: { failures, lockedUntil: lockedUntil.toISOString(), method: request.method },
    });
    await raiseSecurityAlert(db, {
      type: "ACCOUNT_LOCKED",
      severity: "HIGH",
      userId: user.id,
      ip: request.ip,
      detail: { failures, lockedUntil: lockedUntil.toISOString(), method: request.method },
    });
    return new AppError("ACCOUNT_LOCKED", { params: { until: lockedUntil.toISOString() } });
  }
  await db.user.update({ where: { id: user.id }, data: { failedLogins: failures } });
  await recordAttempt(db, attempt);
  return new AppError("INVALID_CREDENTIALS", { params: { remaining: lockout.maxFailures - failures } });
}

export async function signInWithPassword(db: Db, request: SignInRequest): Promise<SessionUser> {
  // never cut: a cut identifier or password could sign in as someone the person did not type
  parseInput(signInInput, { identifier: request.identifier, password: request.password });
  const identifier = request.identifier.trim();
  const fail = async (
    code: "INVALID_CREDENTIALS" | "ACCOUNT_LOCKED" | "ACCOUNT_DISABLED" | "RATE_LIMITED",
    userId: number | null,
    params?: Record<string, string | number>,
  ) => {
    await recordAttempt(db, { userId, identifier, success: false, reason: code, ip: request.ip, userAgent: request.userAgent });
    return new AppError(code, { params });
  };

  const limit = await limitSignInsPerIp(db, request, { identifier });
  if (!limit.allowed) throw await fail("RATE_LIMITED", null, { seconds: limit.retryAfterSeconds });

  if (!identifier || !request.password) throw await fail("INVALID_CREDENTIALS", null);
  const user = await db.user.findFirst({
    where: identifier.includes("@") ? { email: identifier.toLowerCase() } : { employeeNo: identifier },
    select: {
      id: true,
      name: true,
      employeeNo: true,
      role: true,
      sessionVersion: true,
      locale: true,
      passwordHash: true,
      disabledAt: true,
      lockedUntil: true,
      lastLoginAt: true,
    },
  });
  if (!user) {
    await verifyPassword(TIMING_DECOY_HASH, request.password);
    throw await fail("INVALID_CREDENTIALS", null);
  }

  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    throw await fail("ACCOUNT_LOCKED", user.id, { until: user.lockedUntil.toISOString() });
  }

  const passwordOk = await verifyPassword(user.passwordHash, request.password);
  if (!passwordOk) throw await countFailedSecret(db, user, { identifier, ip: request.ip, userAgent: request.userAgent, method: "PASSWORD" }, now);

  if (user.disabledAt) throw await fail("ACCOUNT_DISABLED", user.id);

  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastSeenAt: now } });
  await recordAttempt(db, { userId: user.id, identifier, success: true, ip: request.ip, userAgent: request.userAgent });
  return { id: user.id, name: user.name, employeeNo: user.employeeNo, role: user.role, sessionVersion: user.sessionVersion, locale: user.locale };
}
