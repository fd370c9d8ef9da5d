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
    /** a job RUNNING this long belongs to a worker that died: it goes back to the queue (longer than any job runs) */
    JOB_STALE_AFTER_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
    /**
     * SMS senders in the order they are tried (a later one when an earlier one fails): `aliyun`, `tencent`, `dev`.
     * Default `dev` outside production (codes go to the log and the admins' outbox); empty in production (SMS off).
     */
    SMS_PROVIDERS: z
      .string()
      .regex(/^\s*((aliyun|tencent|dev)\s*(,\s*(aliyun|tencent|dev)\s*)*)?$/, "a comma-separated list of aliyun, tencent, dev")
      .optional(),
    /** codes one IP address may request per hour, over all phones */
    SMS_CODE_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
    ALIYUN_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
    ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
    ALIYUN_SMS_SIGN_NAME: z.string().min(1).optional(),
    ALIYUN_SMS_TEMPLATE_CODE: z.string().min(1).optional(),
    ALIYUN_SMS_ENDPOINT: z.url({ protocol: /^https?$/ }).default("https://dysmsapi.aliyuncs.com"),
    TENCENT_SMS_SECRET_ID: z.string().min(1).optional(),
    TENCENT_SMS_SECRET_KEY: z.string().min(1).optional(),
    TENCENT_SMS_SDK_APP_ID: z.string().min(1).optional(),
    TENCENT_SMS_SIGN_NAME: z.string().min(1).optional(),
    TENCENT_SMS_TEMPLATE_ID: z.string().min(1).optional(),
    TENCENT_SMS_REGION: z.string().min(1).default("ap-guangzhou"),
    TENCENT_SMS_ENDPOINT: z.url({ protocol: /^https?$/ }).default("https://sms.tencentcloudapi.com"),
    /** WebAuthn relying party: the site's registrable domain (default: the host of AUTH_URL, else localhost) */
    WEBAUTHN_RP_ID: z.string().min(1).optional(),
    /** the name authenticators show for this site */
    WEBAUTHN_RP_NAME: z.string().min(1).default("客服工作台"),
    /** origins passkey ceremonies may come from, comma-separated (default: AUTH_URL's origin, else http://localhost:3000) */
    WEBAUTHN_ORIGINS: z.string().min(1).optional(),
    AUTH_URL: z.url().optional(),
    /** where attachments are kept: `local` (a directory) or `s3` (an S3-compatible store) */
    ATTACHMENTS_STORAGE: z.enum(["local", "s3"]).default("local"),
    /** the directory of the local store; default `.data/attachments` in the workspace */
    ATTACHMENTS_DIR: z.string().min(1).optional(),
    ATTACHMENTS_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    ATTACHMENTS_S3_BUCKET: z.string().min(3).max(63).optional(),
    ATTACHMENTS_S3_REGION: z.string().min(1).default("us-east-1"),
    ATTACHMENTS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    ATTACHMENTS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** bearer token /api/metrics (and the worker's metrics listener) require; unset: open outside production, 404 in production */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** the worker serves its own metrics on this port (GET /metrics); unset: no listener */
    WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** the address the worker's metrics listener binds to */
    WORKER_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
    /** where `pnpm db:backup` writes (and /api/metrics looks for the newest backup); default `.data/backups` in the workspace */
    BACKUP_DIR: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const providers = (env.SMS_PROVIDERS ?? "").split(",").map((p) => p.trim());
    if (providers.includes("aliyun"))
      for (const name of ["ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME", "ALIYUN_SMS_TEMPLATE_CODE"] as const)
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "required when SMS_PROVIDERS lists aliyun" });
    if (providers.includes("tencent"))
      for (const name of [
        "TENCENT_SMS_SECRET_ID",
        "TENCENT_SMS_SECRET_KEY",
        "TENCENT_SMS_SDK_APP_ID",
        "TENCENT_SMS_SIGN_NAME",
        "TENCENT_SMS_TEMPLATE_ID",
      ] as const)
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "required when SMS_PROVIDERS lists tencent" });
    if (env.ATTACHMENTS_STORAGE !== "s3") return;
    for (const name of ["ATTACHMENTS_S3_ENDPOINT", "ATTACHMENTS_S3_BUCKET", "ATTACHMENTS_S3_ACCESS_KEY_ID", "ATTACHMENTS_S3_SECRET_ACCESS_KEY"] as const)
      if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "required when ATTACHMENTS_STORAGE is s3" });
  });

export type ApiEnv = z.infer<typeof apiEnvSchema>;

let cached: ApiEnv | undefined;
export function apiEnv(): ApiEnv {
  cached ??= readEnv(apiEnvSchema, {
    ...process.env,
    AUTH_URL: process.env.AUTH_URL ?? process.env.NEXTAUTH_URL,
    PUSHER_HOST: process.env.PUSHER_HOST ?? (process.env.PUSHER_CLUSTER ? undefined : "127.0.0.1"),
    PUSHER_PORT: process.env.PUSHER_PORT ?? (process.env.PUSHER_CLUSTER ? undefined : "6001"),
  });
  return cached;
}
