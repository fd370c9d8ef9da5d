/**
 * POST /api/sign-in/sms-code — { phone }: asks for a sign-in code (services/auth/sms-code.ts). The answer is the same
 * whether or not the phone belongs to a staff member; the SMS goes out after the answer so its time tells nothing.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../errors.ts";
import { logger } from "../logger.ts";
import { requestSmsCode } from "../services/auth/sms-code.ts";
import { passkeySignInOptions } from "../services/auth/passkeys.ts";
import { errorResponse, isSameOrigin, json, rateLimit, readJson, requestIp, run } from "./http.ts";

/** sign-in ceremonies one IP may start per minute: each writes a challenge row */
const PASSKEY_OPTIONS_PER_MINUTE = 30;

export function handleSmsCodeRequest(db: Db, request: Request, options: { publicUrl?: string } = {}): Promise<Response> {
  return run(async () => {
    if (!isSameOrigin(request.headers, options.publicUrl) && !isSameOrigin(request.headers, request.url))
      return errorResponse("FORBIDDEN", { field: "origin", message: "origin: cross-site request refused" });
    const input = await readJson(request, 1024);
    const ip = requestIp(request.headers);
    let issued;
    try {
      // not a string: the schema says which field is wrong
      issued = await requestSmsCode(db, { phone: input.phone as string, ip: ip === "unknown" ? null : ip, userAgent: request.headers.get("user-agent") });
    } catch (error) {
      if (error instanceof AppError && error.code === "RATE_LIMITED")
        return errorResponse("RATE_LIMITED", { message: "too many requests", headers: { "Retry-After": String(error.params?.seconds ?? 60) } });
      throw error;
    }
    issued.delivery.catch((error: unknown) => logger.error({ err: error }, "sign-in code delivery failed"));
    return json({ resendAfterSeconds: issued.resendAfterSeconds, expiresInSeconds: issued.expiresInSeconds });
  });
}

/** POST /api/sign-in/passkey-options — a fresh challenge for signing in with a passkey (60 s, used once). */
export function handlePasskeySignInOptions(db: Db, request: Request, options: { publicUrl?: string } = {}): Promise<Response> {
  return run(async () => {
    if (!isSameOrigin(request.headers, options.publicUrl) && !isSameOrigin(request.headers, request.url))
      return errorResponse("FORBIDDEN", { field: "origin", message: "origin: cross-site request refused" });
    const limited = await rateLimit(`passkey-options:${requestIp(request.headers)}`, PASSKEY_OPTIONS_PER_MINUTE, 60);
    if (limited) return limited;
    return json(await passkeySignInOptions(db));
  });
}
