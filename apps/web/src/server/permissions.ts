import "server-only";
import { can, type Permission } from "@kefu/api/permissions";
import type { SessionUser } from "@kefu/api";
import { redirect } from "next/navigation";
import { getSessionState } from "./auth";

/** The signed-in user, or a redirect to the sign-in page saying why the session ended. */
export async function requireUser(): Promise<SessionUser> {
  const { user, ended } = await getSessionState();
  if (!user) redirect(ended ? `/sign-in?ended=${ended}` : "/sign-in");
  return user;
}

/** The signed-in user when they hold `permission`; otherwise null (the page shows the refusal). */
export async function userWith(permission: Permission): Promise<{ user: SessionUser; allowed: boolean }> {
  const user = await requireUser();
  return { user, allowed: can(user.role, permission) };
}
