/**
 * Session rules for JWT sessions: the token carries userId, role, sessionVersion and when the
 * session started and was last active. A token is valid only while the user is enabled, not
 * locked, its sessionVersion still matches (lock, role change and force logout bump it), and the
 * idle and absolute limits from settings are not exceeded.
 */
import type { Db, Role } from "@kefu/db/client";
import { getSetting } from "../settings/index.ts";

export interface SessionClaims {
  userId: number;
  role: Role;
  sessionVersion: number;
  /** ms since epoch */
  signedInAt: number;
  /** ms since epoch */
  lastActiveAt: number;
}

export type SessionCheck =
  | { valid: true; user: { id: number; name: string; employeeNo: string; role: Role; sessionVersion: number; locale: string } }
  | { valid: false; reason: "unknown_user" | "disabled" | "locked" | "revoked" | "idle" | "expired" };

export async function checkSession(db: Db, claims: SessionClaims, now = Date.now()): Promise<SessionCheck> {
  const [user, limits] = await Promise.all([
    db.user.findUnique({
      where: { id: claims.userId },
      select: { id: true, name: true, employeeNo: true, role: true, sessionVersion: true, locale: true, disabledAt: true, lockedUntil: true },
    }),
    getSetting(db, "security.session"),
  ]);
  if (!user) return { valid: false, reason: "unknown_user" };
  if (user.disabledAt) return { valid: false, reason: "disabled" };
  if (user.lockedUntil && user.lockedUntil.getTime() > now) return { valid: false, reason: "locked" };
  if (user.sessionVersion !== claims.sessionVersion) return { valid: false, reason: "revoked" };
  if (now - claims.signedInAt > limits.absoluteHours * 3_600_000) return { valid: false, reason: "expired" };
  if (now - claims.lastActiveAt > limits.idleMinutes * 60_000) return { valid: false, reason: "idle" };
  return {
    valid: true,
    user: { id: user.id, name: user.name, employeeNo: user.employeeNo, role: user.role, sessionVersion: user.sessionVersion, locale: user.locale },
  };
}

/** Records activity at most once a minute, for the staff list's "last seen". */
export async function touchLastSeen(db: Db, userId: number, now = new Date()) {
  await db.user.updateMany({
    where: { id: userId, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: new Date(now.getTime() - 60_000) } }] },
    data: { lastSeenAt: now },
  });
}
