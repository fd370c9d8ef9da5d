/**
 * Passkeys (WebAuthn) with @simplewebauthn/server (docs/architecture.md "Sign-in methods"): registered from 个人设置
 * after the password is typed again, used to sign in on the 指纹 tab. Every ceremony's challenge is issued here, kept
 * 60 s in `WebAuthnChallenge` and deleted when a response presents it, so it works once. The signature counter must
 * grow: a response with a counter not above the stored one (a cloned authenticator) is refused and raises an alert.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Db } from "@kefu/db/client";
import { verifyPassword } from "@kefu/db/password";
import {
  PASSKEYS_PER_USER_MAX,
  WEBAUTHN_CHALLENGE_TTL_SECONDS,
  passkeyIdInput,
  passkeyRegisterInput,
  passkeyRegistrationOptionsInput,
  passkeySignInInput,
} from "../../contracts/sign-in.ts";
import { apiEnv, type ApiEnv } from "../../env.ts";
import { AppError, parseInput } from "../../errors.ts";
import { logger } from "../../logger.ts";
import { raiseSecurityAlert } from "../security/index.ts";
import { limitSignInsPerIp, recordAttempt, type SessionUser } from "./sign-in.ts";

export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

/** The relying party from WEBAUTHN_RP_ID / WEBAUTHN_ORIGINS, else from AUTH_URL, else localhost. */
export function relyingParty(env: ApiEnv = apiEnv()): RelyingParty {
  const publicUrl = env.AUTH_URL ? new URL(env.AUTH_URL) : null;
  const origins = env.WEBAUTHN_ORIGINS
    ? env.WEBAUTHN_ORIGINS.split(",")
        .map((o) => o.trim().replace(/\/$/, ""))
        .filter(Boolean)
    : [publicUrl?.origin ?? "http://localhost:3000"];
  return { id: env.WEBAUTHN_RP_ID ?? publicUrl?.hostname ?? "localhost", name: env.WEBAUTHN_RP_NAME, origins };
}

async function issueChallenge(db: Db, challenge: string, purpose: "register" | "authenticate", userId: number | null) {
  const now = Date.now();
  // expired challenges are of no use to anyone: keep the table small
  await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db.webAuthnChallenge.create({ data: { challenge, purpose, userId, expiresAt: new Date(now + WEBAUTHN_CHALLENGE_TTL_SECONDS * 1000) } });
}

/** True once for a live challenge of this purpose (and user): it is deleted as it is checked. */
async function consumeChallenge(db: Db, challenge: string, purpose: "register" | "authenticate", userId: number | null): Promise<boolean> {
  if (challenge.length > 128) return false;
  const { count } = await db.webAuthnChallenge.deleteMany({ where: { challenge, purpose, userId, expiresAt: { gt: new Date() } } });
  return count === 1;
}

const transportsOf = (stored: string | null) => (stored ? (stored.split(",") as AuthenticatorTransportFuture[]) : undefined);

export async function passkeyRegistrationOptions(db: Db, userId: number, input: { currentPassword: string }) {
  const { currentPassword } = parseInput(passkeyRegistrationOptionsInput, input);
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, employeeNo: true, name: true, passwordHash: true, authenticators: { select: { credentialId: true, transports: true } } },
  });
  if (!user) throw new AppError("NOT_FOUND");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new AppError("WRONG_CURRENT_PASSWORD", { field: "currentPassword" });
  if (user.authenticators.length >= PASSKEYS_PER_USER_MAX)
    throw new AppError("INVALID_INPUT", { field: "passkeys", params: { rule: "too_big", max: PASSKEYS_PER_USER_MAX, origin: "array" } });
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.employeeNo,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(`kefu-user-${user.id}`),
    attestationType: "none",
    timeout: WEBAUTHN_CHALLENGE_TTL_SECONDS * 1000,
    excludeCredentials: user.authenticators.map((a) => ({ id: a.credentialId, transports: transportsOf(a.transports) })),
    // a discoverable credential with user verification: the fingerprint (or face, or PIN) is the point
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await issueChallenge(db, options.challenge, "register", user.id);
  return options;
}

export async function registerPasskey(db: Db, userId: number, input: { name: string; response: unknown }) {
  const { name, response } = parseInput(passkeyRegisterInput, input);
  const rp = relyingParty();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: response as unknown as RegistrationResponseJSON,
      expectedChallenge: (challenge) => consumeChallenge(db, challenge, "register", userId),
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch (error) {
    logger.info({ userId, err: error instanceof Error ? error.message : String(error) }, "passkey registration refused");
    throw new AppError("INVALID_INPUT", { field: "response", params: { rule: "passkey" } });
  }
  if (!verification.verified) throw new AppError("INVALID_INPUT", { field: "response", params: { rule: "passkey" } });
  const info = verification.registrationInfo;
  if (await db.authenticator.count({ where: { credentialId: info.credential.id } }))
    throw new AppError("INVALID_INPUT", { field: "response", params: { rule: "passkey" } });
  return db.authenticator.create({
    data: {
      userId,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      counter: info.credential.counter,
      transports: info.credential.transports?.join(",").slice(0, 191) ?? null,
      deviceName: name,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
    },
    select: passkeySelect,
  });
}

const passkeySelect = { id: true, deviceName: true, deviceType: true, backedUp: true, createdAt: true, lastUsedAt: true } as const;

export function listPasskeys(db: Db, userId: number) {
  return db.authenticator.findMany({ where: { userId }, orderBy: { id: "asc" }, select: passkeySelect });
}

export async function removePasskey(db: Db, userId: number, input: { id: number }) {
  const { id } = parseInput(passkeyIdInput, input);
  const { count } = await db.authenticator.deleteMany({ where: { id, userId } });
  if (!count) throw new AppError("NOT_FOUND", { field: "id" });
  return { id };
}

/** Options for the sign-in ceremony: no user yet, so any discoverable passkey of this site may answer. */
export async function passkeySignInOptions(db: Db) {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    userVerification: "required",
    timeout: WEBAUTHN_CHALLENGE_TTL_SECONDS * 1000,
  });
  await issueChallenge(db, options.challenge, "authenticate", null);
  return options;
}

export async function signInWithPasskey(db: Db, request: { response: unknown; ip: string | null; userAgent: string | null }): Promise<SessionUser> {
  const { response } = parseInput(passkeySignInInput, { response: request.response });
  const credentialId = response.id;
  const identifier = `passkey:${credentialId.slice(0, 16)}`;
  const attempt = { identifier, ip: request.ip, userAgent: request.userAgent, method: "WEBAUTHN" as const };
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

  const stored = await db.authenticator.findUnique({
    where: { credentialId },
    select: {
      id: true,
      publicKey: true,
      counter: true,
      transports: true,
      user: { select: { id: true, name: true, employeeNo: true, role: true, sessionVersion: true, locale: true, disabledAt: true, lockedUntil: true } },
    },
  });
  if (!stored) throw await fail("INVALID_CREDENTIALS", null);
  const user = stored.user;
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) throw await fail("ACCOUNT_LOCKED", user.id, { until: user.lockedUntil.toISOString() });

  const rp = relyingParty();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: response as unknown as AuthenticationResponseJSON,
      expectedChallenge: (challenge) => consumeChallenge(db, challenge, "authenticate", null),
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: { id: credentialId, publicKey: new Uint8Array(stored.publicKey), counter: stored.counter, transports: transportsOf(stored.transports) },
      requireUserVerification: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/counter/i.test(message)) {
      // the counter did not grow: two authenticators hold this key (a clone) — refuse and tell the admins
      await raiseSecurityAlert(db, {
        type: "PASSKEY_COUNTER_MISMATCH",
        severity: "HIGH",
        userId: user.id,
        ip: request.ip,
        detail: { passkeyId: stored.id, storedCounter: stored.counter },
      });
    }
    logger.info({ userId: user.id, err: message }, "passkey sign-in refused");
    throw await fail("INVALID_CREDENTIALS", user.id);
  }
  if (!verification.verified) throw await fail("INVALID_CREDENTIALS", user.id);
  if (user.disabledAt) throw await fail("ACCOUNT_DISABLED", user.id);

  await db.authenticator.update({
    where: { id: stored.id },
    data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: now, backedUp: verification.authenticationInfo.credentialBackedUp },
  });
  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lastLoginAt: now, lastSeenAt: now } });
  await recordAttempt(db, { ...attempt, userId: user.id, success: true });
  return { id: user.id, name: user.name, employeeNo: user.employeeNo, role: user.role, sessionVersion: user.sessionVersion, locale: user.locale };
}
