import { z } from "zod";
import { API_KEY_NAME_MAX } from "./limits.ts";
import { idSchema } from "./user.ts";

/** What an API key may do: post and read channel messages, read webhooks. */
export const API_KEY_SCOPES = ["channel.messages", "webhooks.read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1).max(API_KEY_NAME_MAX),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
});

export const revokeApiKeyInput = z.object({ id: idSchema });
