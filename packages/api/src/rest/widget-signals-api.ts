/**
 * The widget's small signals: "the customer is typing" and "the customer has seen the replies" (read receipt), on the
 * visitor's current conversation. Same token and same-origin rules as the rest of the widget API.
 */
import type { Db } from "@kefu/db/client";
import { markReadByCustomer, signalCustomerTyping } from "../services/conversation/index.ts";
import { json, rateLimit, readJson, requestIp, run } from "./http.ts";
import { requireConversation, sameOrigin, visitorFrom, type WidgetOptions } from "./widget-api.ts";

/** typing signals and read reports per IP and minute (clients send them every few seconds at most) */
const SIGNALS_PER_MINUTE = 120;
const FIELDS = { token: "authorization" };

/** POST /api/v1/widget/typing — the visitor is typing; published to the agent at most every 2 s. */
export function handleWidgetTyping(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(async () => {
    const refused = sameOrigin(request, options);
    if (refused) return refused;
    const limited = await rateLimit(`widget:signals:${requestIp(request.headers)}`, SIGNALS_PER_MINUTE, 60);
    if (limited) return limited;
    const visitor = await visitorFrom(db, request);
    const conversation = requireConversation(visitor);
    return json(await signalCustomerTyping(conversation.id));
  }, FIELDS);
}

/** POST /api/v1/widget/read — { messageId }: the visitor's widget showed the conversation up to that message. */
export function handleWidgetRead(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(async () => {
    const refused = sameOrigin(request, options);
    if (refused) return refused;
    const limited = await rateLimit(`widget:signals:${requestIp(request.headers)}`, SIGNALS_PER_MINUTE, 60);
    if (limited) return limited;
    const visitor = await visitorFrom(db, request);
    const conversation = requireConversation(visitor);
    const input = await readJson(request);
    return json(await markReadByCustomer(db, { conversationId: conversation.id, customerId: conversation.customerId, messageId: input.messageId as number }));
  }, FIELDS);
}
