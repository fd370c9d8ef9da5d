import pino from "pino";
import { apiEnv } from "./env.ts";

/** Structured JSON logs, one object per line. */
export const logger = pino({
  level: apiEnv().LOG_LEVEL,
  base: { service: process.env.KEFU_SERVICE ?? "kefu" },
  redact: { paths: ["password", "*.password", "*.newPassword", "*.currentPassword", "req.headers.cookie"], remove: true },
  timestamp: pino.stdTimeFunctions.isoTime,
});
