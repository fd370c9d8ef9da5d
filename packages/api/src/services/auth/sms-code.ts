/**
 * Sign-in by SMS code (docs/architecture.md "Sign-in methods"). A code is 6 digits from the CSPRNG, kept only as a
 * keyed hash, valid 5 minutes, used once and dead after 5 wrong tries. Asking for a code answers the same whether or
 * not the phone belongs to a staff member: a row is written and the limits count either way, only no SMS goes out.
 * Wrong codes count toward the same lockout as wrong passwords.
 */
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { Db } from "@kefu/db/client";
import { hashLookup, normalizePhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import {
  SMS_CODE_MAX_ATTEMPTS,
  SMS_CODE_TTL_SECONDS,
  SMS_CODES_PER_PHONE_PER_DAY,
  SMS_CODES_PER_PHONE_PER_HOUR,
  SMS_RESEND_SECONDS,
  smsCodeRequestInput,
  smsSignInInput,
} from "../../contracts/sign-in.ts";
import { apiEnv } from "../../env.ts";
import { AppError, parseInput } from "../../errors.ts";
import { getRateLimiter } from "../rate-limit/index.ts";
import { raiseSecurityAlert } from "../security/index.ts";
import { sendersFromEnv, sendSmsCode, type SmsSender } from "../sms/index.ts";
import { countFailedSecret, limitSignInsPerIp, recordAttempt, type SessionUser } from "./sign-in.ts";

export interface SmsCodeRequest {
  phone: string;
  ip: string | null;
  userAgent: string | null;
}

export interface SmsCodeIssued {
  /** seconds until another code may be asked for */
  resendAfterSeconds: number;
  expiresInSeconds: number;
  /** the delivery runs after the answer (its time must not tell whether the phone is known); tests await it */
  delivery: Promise<void>;
}

function phoneHashOf(phone: string): string {
  return hashLookup(fieldKeysFromEnv(), normalizePhone(phone));
}

/** HMAC of the code bound to its phone: the table alone gives neither the code nor a way to test guesses offline. */
function codeHashOf(phoneHash: string, code: string): string {
  return createHmac("sha256", fieldKeysFromEnv().hashKey).update(`sms-code:${phoneHash}:${code}`).digest("hex");
}

export function generateSmsCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

export async function requestSmsCode(db: Db, request: SmsCodeRequest, options: { senders?: readonly SmsSender[]; now?: Date } = {}): Promise<SmsCodeIssued> {
  const { phone } = parseInput(smsCodeRequestInput, { phone: request.phone });
  const normalized = normalizePhone(phone);
  const now = options.now ?? new Date();
  const ipLimit = await getRateLimiter().hit(`sms-code:${request.ip ?? "unknown"}`, apiEnv().SMS_CODE_PER_IP_PER_HOUR, 3600);
  if (!ipLimit.allowed) {
    if (ipLimit.count === apiEnv().SMS_CODE_PER_IP_PER_HOUR + 1)
      await raiseSecurityAlert(db, { type: "IP_RATE_LIMITED", severity: "MEDIUM", ip: request.ip, detail: { route: "sms-code" } });
    throw new AppError("RATE_LIMITED", { params: { seconds: ipLimit.retryAfterSeconds } });
  }
  const phoneHash = phoneHashOf(normalized);
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const recent = await db.smsCode.findMany({
    where: { phoneHash, purpose: "login", createdAt: { gt: dayAgo } },
    orderBy: { id: "desc" },
    select: { createdAt: true },
  });
  const last = recent[0];
  if (last && now.getTime() - last.createdAt.getTime() < SMS_RESEND_SECONDS * 1000) {
    const seconds = Math.ceil((last.createdAt.getTime() + SMS_RESEND_SECONDS * 1000 - now.getTime()) / 1000);
    throw new AppError("RATE_LIMITED", { params: { seconds } });
  }
  const hourAgo = now.getTime() - 3600_000;
  const inHour = recent.filter((r) => r.createdAt.getTime() > hourAgo);
  if (inHour.length >= SMS_CODES_PER_PHONE_PER_HOUR) {
    const seconds = Math.ceil((inHour[inHour.length - 1]!.createdAt.getTime() + 3600_000 - now.getTime()) / 1000);
    throw new AppError("RATE_LIMITED", { params: { seconds } });
  }
  if (recent.length >= SMS_CODES_PER_PHONE_PER_DAY) {
    const seconds = Math.ceil((recent[recent.length - 1]!.createdAt.getTime() + 24 * 3600_000 - now.getTime()) / 1000);
    throw new AppError("RATE_LIMITED", { params: { seconds } });
  }

  const staff = await db.user.findUnique({ where: { phoneHash }, select: { id: true, disabledAt: true } });
  const code = generateSmsCode();
  // Earlier codes for this phone stop working: only the newest one is valid.
  await db.smsCode.updateMany({ where: { phoneHash, purpose: "login", consumedAt: null }, data: { consumedAt: now } });
  await db.smsCode.create({
    data: {
      phoneHash,
      codeHash: codeHashOf(phoneHash, code),
      purpose: "login",
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000),
      ip: request.ip?.slice(0, 45) ?? null,
      createdAt: now,
    },
  });
  const deliver = staff && !staff.disabledAt;
  const delivery = deliver
    ? sendSmsCode(db, options.senders ?? sendersFromEnv(), { phone: normalized, code, minutes: SMS_CODE_TTL_SECONDS / 60 }).then(() => undefined)
    : Promise.resolve();
  return { resendAfterSeconds: SMS_RESEND_SECONDS, expiresInSeconds: SMS_CODE_TTL_SECONDS, delivery };
}

export interface SmsSignInRequest {
  phone: string;
  code: string;
  ip: string | null;
  userAgent: string | null;
}

export async function signInWithSmsCode(db: Db, request: SmsSignInRequest, now = new Date()): Promise<SessionUser> {
  const { phone, code } = parseInput(smsSignInInput, { phone: request.phone, code: request.code });
  const normalized = normalizePhone(phone);
  const identifier = `sms:*${normalized.slice(-4)}`;
  const attempt = { identifier, ip: request.ip, userAgent: request.userAgent, method: "SMS" as const };
  const fail = async (
    reason: "INVALID_CREDENTIALS" | "ACCOUNT_LOCKED" | "ACCOUNT_DISABLED" | "RATE_LIMITED",
    userId: number | null,
    params?: Record<string, string | number>,
  ) => {
    await recordAttempt(db, { ...attempt, userId, success: false, reason });
    return new AppError(reason, { params });
  };

  const limit = await limitSignInsPerIp(db, request, { identifier });
  if (!limit.allowed) throw await fail("RATE_LIMITED", null, { seconds: limit.retryAfterSeconds });

  const phoneHash = phoneHashOf(normalized);
  const user = await db.user.findUnique({
    where: { phoneHash },
    select: { id: true, name: true, employeeNo: true, role: true, sessionVersion: true, locale: true, disabledAt: true, lockedUntil: true, lastLoginAt: true },
  });
  if (user?.lockedUntil && user.lockedUntil > now) throw await fail("ACCOUNT_LOCKED", user.id, { until: user.lockedUntil.toISOString() });

  const active = await db.smsCode.findFirst({
    where: { phoneHash, purpose: "login", consumedAt: null, expiresAt: { gt: now }, attempts: { lt: SMS_CODE_MAX_ATTEMPTS } },
    orderBy: { id: "desc" },
    select: { id: true, codeHash: true },
  });
  const matches = !!active && timingSafeEqual(Buffer.from(active.codeHash, "hex"), Buffer.from(codeHashOf(phoneHash, code), "hex"));
  // Used once: only the request that marks it consumed signs in, however many arrive together.
  const consumed = matches ? (await db.smsCode.updateMany({ where: { id: active.id, consumedAt: null }, data: { consumedAt: now } })).count === 1 : false;
  if (!consumed) {
    if (active && !matches) await db.smsCode.update({ where: { id: active.id }, data: { attempts: { increment: 1 } } });
    // no `remaining` for SMS: it would tell a stranger which phones belong to staff
    if (!user) throw await fail("INVALID_CREDENTIALS", null);
    const error = await countFailedSecret(db, user, attempt, now);
    throw error.code === "ACCOUNT_LOCKED" ? error : new AppError("INVALID_CREDENTIALS");
  }
  if (!user) throw await fail("INVALID_CREDENTIALS", null);
  if (user.disabledAt) throw await fail("ACCOUNT_DISABLED", user.id);

  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now, lastSeenAt: now } });
  await recordAttempt(db, { ...attempt, userId: user.id, success: true });
  return { id: user.id, name: user.name, employeeNo: user.employeeNo, role: user.role, sessionVersion: user.sessionVersion, locale: user.locale };
}
