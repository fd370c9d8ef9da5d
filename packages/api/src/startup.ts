/**
 * Validates every server-side variable once at start-up. A missing or malformed one ends the
 * process with one line naming it, before any request is served or job claimed.
 */
import { dbEnv, fieldKeysFromEnv } from "@kefu/db/env";
import { apiEnv } from "./env.ts";

export function validateServerEnvOrExit(extra: () => unknown = () => undefined): void {
  try {
    dbEnv();
    fieldKeysFromEnv();
    apiEnv();
    extra();
  } catch (error) {
    console.error(error instanceof Error && error.name === "EnvError" ? error.message : error);
    process.exit(1);
  }
}
