/**
 * The channel API: WeChat, apps and other systems post their users' messages with an API key
 * (`Authorization: Bearer kf_…`, scope channel.messages) and fetch the replies to deliver.
 *
 *   POST /api/v1/channels/{wechat|app|api}/messages  { userId, clientMessageId, text, name?, phone? }
 *   GET  /api/v1/channels/{wechat|app|api}/messages?userId=…&after=<id>&limit=
 *
 * Every refusal names the field and writes nothing.
 */
import { createHash } from "node:crypto";
import type { Channel, Db } from "@kefu/db/client";
import { z } from "zod";
import { CLIENT_ID_MAX, CUSTOMER_NAME_MAX, EXTERNAL_USER_ID_MAX, MESSAGE_BODY_MAX, PHONE_INPUT_MAX } from "../contracts/limits.ts";
import { channelMessagesQuery } from "../contracts/integration.ts";
import { AppError } from "../errors.ts";
import { listCustomerMessages } from "../services/conversation/index.ts";
import { customerIdOnChannel, handleIncomingCustomerMessage, latestConversationOnChannel } from "../services/inbox/index.ts";
import { apiKeyFromHeaders, verifyApiKey } from "../services/integration/api-keys.ts";
import { json, rateLimit, readJson, run } from "./http.ts";

const CHANNELS: Record<string, Channel> = { wechat: "WECHAT", app: "APP", api: "API" };
/** requests per API key and minute */
const REQUESTS_PER_MINUTE = 1_200;
const SERVICE_FIELDS: Record<string, string> = { body: "text", externalUserId: "userId", clientId: "clientMessageId", customerName: "name" };

const postSchema = z.object({
  userId: z.string().min(1).max(EXTERNAL_USER_ID_MAX),
  clientMessageId: z.string().min(1).max(CLIENT_ID_MAX),
  text: z
    .string()
    .max(MESSAGE_BODY_MAX)
    .refine((text) => text.trim().length > 0, "must not be empty"),
  name: z.string().trim().max(CUSTOMER_NAME_MAX).optional(),
  phone: z.string().max(PHONE_INPUT_MAX).optional(),
  /** the team (技能组) a new conversation goes to; the default team when omitted */
  teamId: z.number().int().positive().optional(),
});

function channelOf(param: string): Channel {
  const channel = Object.hasOwn(CHANNELS, param) ? CHANNELS[param] : undefined;
  if (!channel) throw new AppError("NOT_FOUND", { field: "channel", message: `channel: expected one of ${Object.keys(CHANNELS).join(", ")}` });
  return channel;
}

async function authorize(db: Db, request: Request): Promise<Response | null> {
  const key = await verifyApiKey(db, apiKeyFromHeaders(request.headers), "channel.messages");
  return rateLimit(`channel:key:${key.id}`, REQUESTS_PER_MINUTE, 60);
}

/** Message ids of any shape become a stable idempotency key the message table accepts. */
function clientIdOf(clientMessageId: string): string {
  return /^[\w.:-]{1,64}$/.test(clientMessageId) ? clientMessageId : `h-${createHash("sha256").update(clientMessageId).digest("base64url")}`;
}

export function handleChannelPostMessage(db: Db, request: Request, channelParam: string): Promise<Response> {
  return run(async () => {
    const channel = channelOf(channelParam);
    const limited = await authorize(db, request);
    if (limited) return limited;
    const input = postSchema.parse(await readJson(request));
    const received = await handleIncomingCustomerMessage(db, {
      channel,
      externalUserId: input.userId,
      clientId: clientIdOf(input.clientMessageId),
      body: input.text,
      customerName: input.name || undefined,
      phone: input.phone || undefined,
      teamId: input.teamId,
    }).catch((error: unknown) => {
      // the service names its own fields; the API's caller knows them by the names it sent
      if (error instanceof AppError && error.field && Object.hasOwn(SERVICE_FIELDS, error.field))
        throw new AppError(error.code, { field: SERVICE_FIELDS[error.field], params: error.params });
      throw error;
    });
    return json({ conversationId: received.conversationId, messageId: received.messageId, duplicate: received.duplicate }, received.duplicate ? 200 : 201);
  });
}

export function handleChannelListMessages(db: Db, request: Request, channelParam: string): Promise<Response> {
  return run(async () => {
    const channel = channelOf(channelParam);
    const limited = await authorize(db, request);
    if (limited) return limited;
    const given = [...new URL(request.url).searchParams].filter(([, value]) => value !== "");
    const { userId, after, limit: limitParam } = channelMessagesQuery.parse(Object.fromEntries(given));

    const customerId = await customerIdOnChannel(db, channel, userId);
    if (customerId === null) throw new AppError("NOT_FOUND", { field: "userId", message: "userId: unknown user on this channel" });
    const conversation = await latestConversationOnChannel(db, customerId, channel, { id: true, status: true });
    if (!conversation) throw new AppError("NOT_FOUND", { field: "userId", message: "userId: no conversation" });
    const page = await listCustomerMessages(db, { conversationId: conversation.id, afterId: after, limit: limitParam, customerId });
    const last = page.items.at(-1);
    return json({
      conversationId: conversation.id,
      status: conversation.status,
      // the next call's `after`: past every message looked at, the user's own included
      nextAfter: last ? last.id : after,
      hasMore: page.hasMore,
      items: page.items
        .filter((m) => m.senderType !== "CUSTOMER")
        .map((m) => ({
          id: m.id,
          senderType: m.senderType,
          kind: m.kind,
          text: m.body,
          senderName: m.senderType === "AGENT" ? (m.sender?.name ?? null) : null,
          createdAt: m.createdAt.toISOString(),
        })),
    });
  });
}
