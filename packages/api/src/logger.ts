import pino from "pino";
import { apiEnv } from "./env.ts";

/** Structured JSON logs, one object per line. */
export const logger = pino({
  level: apiEnv().LOG_LEVEL,
  base: { service: apiEnv().KEFU_SERVICE },
  redact: { paths: ["password", "*.password", "*.newPassword", "*.currentPassword", "req.headers.cookie"], remove: true },
  timestamp: pino.stdTimeFunctions.isoTime,
});
