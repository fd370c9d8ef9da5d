/**
 * `POST /api/v1/tickets/status` — the external ticket system reports a ticket's new status, signed with its
 * callback secret (services/ticket/callback.ts says what is checked and in which order).
 */
import type { Db } from "@kefu/db/client";
import { receiveTicketStatusCallback } from "../services/ticket/index.ts";
import { json, rateLimit, requestIp, run } from "./http.ts";
import { AppError } from "../errors.ts";

const CALLBACKS_PER_MINUTE = 600;
const BODY_MAX_BYTES = 16 * 1024;

export function handleTicketStatusCallback(db: Db, request: Request, options: { now?: Date } = {}): Promise<Response> {
  return run(async () => {
    const limited = await rateLimit(`tickets:status:${requestIp(request.headers)}`, CALLBACKS_PER_MINUTE, 60);
    if (limited) return limited;
    const body = await request.text();
    if (Buffer.byteLength(body) > BODY_MAX_BYTES) throw new AppError("INVALID_INPUT", { field: "body", message: "body: too large" });
    const result = await receiveTicketStatusCallback(
      db,
      {
        systemId: request.headers.get("x-kefu-ticket-system"),
        timestamp: request.headers.get("x-kefu-timestamp"),
        signature: request.headers.get("x-kefu-signature"),
        body,
      },
      options.now,
    );
    return json(result);
  });
}
