import { readEnv } from "@kefu/db/read-env";
import { secret } from "@kefu/db/env";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const apiEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** the name in each log line: web, worker, … */
    KEFU_SERVICE: z.string().max(32).default("kefu"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** HMAC key of the audit hash chain: database write access alone cannot rebuild the chain */
    AUDIT_HMAC_KEY: secret("dev-only-audit-hmac-key-change-me"),
    /** signs the chat widget's anonymous visitor tokens */
    WIDGET_TOKEN_SECRET: secret("dev-only-widget-token-secret-change-me"),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
    PUSHER_APP_ID: z.string().min(1).default("kefu"),
    PUSHER_KEY: z.string().min(1).default("kefu-key"),
    PUSHER_SECRET: secret("kefu-dev-secret-change-me", 8),
    /** soketi (or any Pusher-protocol server) host; leave unset with PUSHER_CLUSTER for Pusher Channels */
    PUSHER_HOST: z.string().optional(),
    PUSHER_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    PUSHER_USE_TLS: bool.default(false),
    PUSHER_CLUSTER: z.string().default("mt1"),
    /** what browsers connect to, when it differs from the server-side address */
    PUSHER_CLIENT_HOST: z.string().optional(),
    PUSHER_CLIENT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    PUSHER_CLIENT_USE_TLS: bool.optional(),
    /** the contact push services may reach about this sender (the VAPID `sub` claim): a mailto: address or an https:// URL */
    PUSH_CONTACT: z
      .string()
      .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, "must be a mailto: address or an https:// URL")
      .default("mailto:admin@localhost"),
    /** let webhook endpoints resolve to loopback / private addresses (on-premises receivers); default: allowed except in production */
    WEBHOOK_ALLOW_PRIVATE_URLS: bool.optional(),
    LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
    /** where attachments are kept: `local` (a directory) or `s3` (an S3-compatible store) */
    ATTACHMENTS_STORAGE: z.enum(["local", "s3"]).default("local"),
    /** the directory of the local store; default `.data/attachments` in the workspace */
    ATTACHMENTS_DIR: z.string().min(1).optional(),
    ATTACHMENTS_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    ATTACHMENTS_S3_BUCKET: z.string().min(3).max(63).optional(),
    ATTACHMENTS_S3_REGION: z.string().min(1).default("us-east-1"),
    ATTACHMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    ATTACHMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.ATTACHMENTS_STORAGE !== "s3") return;
    for (const name of ["ATTACHMENTS_S3_ENDPOINT", "ATTACHMENTS_S3_BUCKET", "ATTACHMENTS_S3_ACCESS_KEY_ID", "ATTACHMENTS_S3_SECRET_ACCESS_KEY"] as const)
      if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "required when ATTACHMENTS_STORAGE is s3" });
  });

export type ApiEnv = z.infer<typeof apiEnvSchema>;

let cached: ApiEnv | undefined;
export function apiEnv(): ApiEnv {
  cached ??= readEnv(apiEnvSchema, {
    ...process.env,
    PUSHER_HOST: process.env.PUSHER_HOST ?? (process.env.PUSHER_CLUSTER ? undefined : "127.0.0.1"),
    PUSHER_PORT: process.env.PUSHER_PORT ?? (process.env.PUSHER_CLUSTER ? undefined : "6001"),
  });
  return cached;
}
