import "server-only";
import { AppError, checkSession, logger, setPresence, signInWithPasskey, signInWithPassword, signInWithSmsCode, type SessionUser } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import type { Role } from "@kefu/db";
import { getServerSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cache } from "react";
import { webEnv } from "~/env";
import { clientIp, userAgentOf } from "./request-info";

declare module "next-auth" {
  interface Session {
    user?: SessionUser;
    /** why the session ended, when the token is no longer valid */
    ended?: string;
  }
  interface User {
    id: string;
    role: Role;
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: Role;
    sv?: number;
    signedInAt?: number;
    lastActiveAt?: number;
    user?: SessionUser;
    invalid?: string;
  }
}

/**
 * Sign-in errors travel to the page as `CODE` or `CODE|{"param":…}` (next-auth passes only a string); bad input also
 * names its field (`field`).
 */
export function encodeSignInError(error: unknown): string {
  if (error instanceof AppError) {
    const params = error.field ? { ...error.params, field: error.field } : error.params;
    return params ? `${error.code}|${JSON.stringify(params)}` : error.code;
  }
  return "INVALID_CREDENTIALS";
}

const ABSOLUTE_MAX_AGE_SECONDS = 30 * 24 * 3600;

/**
 * A credentials provider for one sign-in method: `verify` checks the proof with the client's address and browser and
 * returns the staff member; a refusal travels to the sign-in page as an encoded error (encodeSignInError).
 */
function signInProvider<K extends string>(
  id: string,
  credentials: Record<K, { type: string }>,
  verify: (
    credentials: Partial<Record<K, string>> | undefined,
    client: { ip: ReturnType<typeof clientIp>; userAgent: ReturnType<typeof userAgentOf> },
  ) => Promise<{ id: number; name: string; role: Role; sessionVersion: number }>,
) {
  return CredentialsProvider({
    id,
    name: id,
    credentials,
    async authorize(given, request) {
      const headers = (request?.headers ?? {}) as Record<string, string | undefined>;
      try {
        const user = await verify(given, { ip: clientIp(headers), userAgent: userAgentOf(headers) });
        return { id: String(user.id), name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      } catch (error) {
        throw new Error(encodeSignInError(error));
      }
    },
  });
}

export const authOptions: NextAuthOptions = {
  secret: webEnv.AUTH_SECRET,
  // The cookie may live long; the real idle and absolute limits are checked on every request (settings).
  session: { strategy: "jwt", maxAge: ABSOLUTE_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    signInProvider("password", { identifier: { type: "text" }, password: { type: "password" } }, (credentials, client) =>
      signInWithPassword(getDb(), { identifier: String(credentials?.identifier ?? ""), password: String(credentials?.password ?? ""), ...client }),
    ),
    // SMS code: the code was asked for at POST /api/sign-in/sms-code; authorize() checks it (docs/architecture.md "Sign-in methods")
    signInProvider("sms", { phone: { type: "tel" }, code: { type: "text" } }, (credentials, client) =>
      signInWithSmsCode(getDb(), { phone: String(credentials?.phone ?? ""), code: String(credentials?.code ?? ""), ...client }),
    ),
    // passkey: the challenge came from POST /api/sign-in/passkey-options; authorize() verifies the signed assertion
    signInProvider("passkey", { response: { type: "text" } }, (credentials, client) => {
      let response: unknown;
      try {
        response = JSON.parse(String(credentials?.response ?? ""));
      } catch {
        throw new AppError("INVALID_INPUT", { field: "response" });
      }
      return signInWithPasskey(getDb(), { response, ...client });
    }),
  ],
  events: {
    // someone who signed out is not at work: routing must not give them conversations, the monitor must not count them
    async signOut({ token }) {
      if (!token.uid) return;
      await setPresence(getDb(), token.uid, "OFFLINE").catch((error: unknown) =>
        logger.warn({ err: error, userId: token.uid }, "could not set presence OFFLINE on sign-out"),
      );
    },
  },
  callbacks: {
    async jwt({ token, user, trigger }) {
      const now = Date.now();
      if (user) {
        return { ...token, uid: Number(user.id), role: user.role, sv: user.sessionVersion, signedInAt: now, lastActiveAt: now };
      }
      if (!token.uid || !token.role || token.sv === undefined) return { ...token, invalid: "unknown_user" };
      const check = await checkSession(
        getDb(),
        {
          userId: token.uid,
          role: token.role,
          sessionVersion: token.sv,
          signedInAt: token.signedInAt ?? 0,
          lastActiveAt: token.lastActiveAt ?? 0,
        },
        now,
      );
      if (!check.valid) return { ...token, invalid: check.reason, user: undefined };
      // `update()` from the browser marks activity; nothing it sends is trusted.
      const activity = trigger === "update" ? { lastActiveAt: now } : {};
      return { ...token, ...activity, role: check.user.role, user: check.user, invalid: undefined };
    },
    session({ session, token }) {
      return token.invalid ? { expires: session.expires, ended: token.invalid } : { expires: session.expires, user: token.user };
    },
  },
};

/** The session of this request (cached per request): the signed-in staff member, or why there is none. */
export const getSessionState = cache(async (): Promise<{ user: SessionUser | null; ended?: string }> => {
  const session = await getServerSession(authOptions);
  return { user: session?.user ?? null, ended: session?.ended };
});

export async function getSessionUser(): Promise<SessionUser | null> {
  return (await getSessionState()).user;
}
