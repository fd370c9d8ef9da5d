/**
 * Sign-in by SMS code and by passkey: inputs and limits shared by the server and the sign-in page
 * (docs/architecture.md "Sign-in methods").
 */
import { z } from "zod";
import { PASSWORD_MAX } from "./limits.ts";
import { RULE_TEXTS } from "./rules.ts";
import { phoneSchema } from "./user.ts";

/** a code lives 5 minutes */
export const SMS_CODE_TTL_SECONDS = 5 * 60;
/** a new code for the same phone no sooner than 60 s after the last */
export const SMS_RESEND_SECONDS = 60;
/** a code dies after 5 wrong tries */
export const SMS_CODE_MAX_ATTEMPTS = 5;
export const SMS_CODES_PER_PHONE_PER_HOUR = 5;
export const SMS_CODES_PER_PHONE_PER_DAY = 10;
export const SMS_CODE_LENGTH = 6;

export const smsCodeSchema = z.string().regex(/^\d{6}$/, RULE_TEXTS.smsCode);

export const smsCodeRequestInput = z.object({ phone: phoneSchema });
export const smsSignInInput = z.object({ phone: phoneSchema, code: smsCodeSchema });

/** a WebAuthn challenge lives 60 s and is used once */
export const WEBAUTHN_CHALLENGE_TTL_SECONDS = 60;
export const PASSKEY_NAME_MAX = 64;
export const PASSKEYS_PER_USER_MAX = 10;

export const passkeyNameSchema = z.string().trim().min(1).max(PASSKEY_NAME_MAX);
export const passkeyRegistrationOptionsInput = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX) });
/** the browser's RegistrationResponseJSON / AuthenticationResponseJSON, checked in depth by @simplewebauthn/server */
const webAuthnResponseSchema = z
  .object({ id: z.string().min(1).max(1024), rawId: z.string().min(1).max(1024), type: z.literal("public-key"), response: z.record(z.string(), z.unknown()) })
  .passthrough();
export const passkeyRegisterInput = z.object({ name: passkeyNameSchema, response: webAuthnResponseSchema });
export const passkeyIdInput = z.object({ id: z.number().int().positive() });
export const passkeySignInInput = z.object({ response: webAuthnResponseSchema });
