/**
 * POST /api/v1/widget/presence — { state: "here" | "gone" }: the open widget's heartbeat and the page's goodbye
 * (services/conversation/customer-presence.ts). The goodbye is sent with `navigator.sendBeacon`, which cannot set
 * headers: the visitor token may then come in the body (`token`) instead of `Authorization`.
 */
import type { Db } from "@kefu/db/client";
import { widgetPresenceInput } from "../contracts/customer-presence.ts";
import { AppError, parseInput } from "../errors.ts";
import { recordWidgetPresence } from "../services/conversation/index.ts";
import { customerIdOnChannel, latestConversationOnChannel } from "../services/inbox/index.ts";
import { verifyVisitorToken } from "../services/widget/visitor-token.ts";
import { errorResponse, isSameOrigin, json, rateLimit, readJson, requestIp, run } from "./http.ts";
import { visitorTokenFromHeaders, type WidgetOptions } from "./widget-api.ts";

/** presence signals per IP and minute: three heartbeats a minute per open widget, many visitors behind one NAT */
const PRESENCE_PER_MINUTE = 600;
const TOKEN_MAX = 200;

export function handleWidgetPresence(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(
    async () => {
      if (!isSameOrigin(request.headers, options.publicUrl) && !isSameOrigin(request.headers, request.url))
        return errorResponse("FORBIDDEN", { field: "origin", message: "origin: cross-site request refused" });
      const limited = await rateLimit(`widget:presence:${requestIp(request.headers)}`, PRESENCE_PER_MINUTE, 60);
      if (limited) return limited;
      const input = await readJson(request, 1024);
      const bodyToken = typeof input.token === "string" && input.token.length <= TOKEN_MAX ? input.token : null;
      const token = visitorTokenFromHeaders(request.headers) ?? bodyToken;
      if (!token) throw new AppError("INVALID_VISITOR_TOKEN", { field: "authorization", message: "authorization: visitor token required" });
      const visitorId = verifyVisitorToken(token);
      const { state } = parseInput(widgetPresenceInput, { state: input.state });
      const customerId = await customerIdOnChannel(db, "WEB", visitorId);
      const conversation = customerId === null ? null : await latestConversationOnChannel(db, customerId, "WEB", { id: true });
      // before the first message there is no conversation to be present in
      if (customerId === null || !conversation) return json({ conversation: null, recorded: false });
      const result = await recordWidgetPresence(db, { conversationId: conversation.id, customerId, state });
      return json({ conversation: { id: result.conversationId, status: result.status }, recorded: result.recorded });
    },
    { token: "authorization" },
  );
}
