import { z } from "zod";
import { API_KEY_NAME_MAX, EXTERNAL_USER_ID_MAX } from "./limits.ts";
import { RULE_TEXTS } from "./rules.ts";
import { idSchema } from "./user.ts";

/** What an API key may do: post and read channel messages, read webhooks. */
export const API_KEY_SCOPES = ["channel.messages", "webhooks.read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1).max(API_KEY_NAME_MAX),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
});

export const revokeApiKeyInput = z.object({ id: idSchema });

/** A message id in a query string: digits only (no sign, no decimals). */
const queryIdSchema = z
  .string()
  .regex(/^\d{1,15}$/, RULE_TEXTS.digitsOnly)
  .transform(Number);

/**
 * The query of `GET /api/v1/channels/{channel}/messages`, as the strings a URL carries (an empty parameter counts as
 * absent): whose conversation, the last message id the caller has, and how many to return.
 */
export const channelMessagesQuery = z.object({
  userId: z.string().min(1).max(EXTERNAL_USER_ID_MAX),
  after: queryIdSchema.default(0),
  limit: queryIdSchema.pipe(z.number().int().min(1).max(100)).default(50),
});
