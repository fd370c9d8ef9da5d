import pino from "pino";
import { apiEnv } from "./env.ts";
import { currentRequestId } from "./observability/request-context.ts";

/** Structured JSON logs, one object per line; a line written while a request or a job is in hand carries its `requestId`. */
export const logger = pino({
  level: apiEnv().LOG_LEVEL,
  base: { service: apiEnv().KEFU_SERVICE },
  redact: { paths: ["password", "*.password", "*.newPassword", "*.currentPassword", "req.headers.cookie"], remove: true },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin() {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
});
