import { z } from "zod";
import { API_KEY_SCOPES } from "../services/integration/api-keys.ts";
import { idSchema } from "./user.schema.ts";

export const apiKeyCreateInput = z.object({
  name: z.string().trim().min(1).max(64),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
});

export const apiKeyRevokeInput = z.object({ id: idSchema });
