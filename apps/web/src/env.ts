import { secret } from "@kefu/db/env";
import { readEnv } from "@kefu/db/read-env";
import { z } from "zod";

const webEnvSchema = z.object({
  /** signs and encrypts session JWTs */
  AUTH_SECRET: secret("dev-only-auth-secret-change-me-please", 32),
  /** the public URL of the console, e.g. https://kefu.example.com (checked against Origin on mutations) */
  AUTH_URL: z.url().optional(),
});

export const readWebEnv = () =>
  readEnv(webEnvSchema, {
    ...process.env,
    AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
    AUTH_URL: process.env.AUTH_URL ?? process.env.NEXTAUTH_URL,
  });

export const webEnv = readWebEnv();

/** The service worker is registered by production builds only: in development it would keep serving stale bundles. */
export const serviceWorkerEnabled = process.env.NODE_ENV === "production";
