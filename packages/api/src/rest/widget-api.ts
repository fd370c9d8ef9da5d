/**
 * The chat widget's REST API: an anonymous visitor identified by a signed token in
 * `Authorization: Visitor <token>`. The widget page is same-origin with these endpoints, so every POST must
 * carry our own Origin. A visitor sees only their own conversation, never internal notes.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../errors.ts";
import { channels } from "../realtime/channels.ts";
import { getPusher } from "../realtime/pusher.ts";
import { abandonConversation, listCustomerMessages, queuePosition, submitCsat } from "../services/conversation/index.ts";
import { customerIdOnChannel, handleIncomingCustomerMessage, latestConversationOnChannel } from "../services/inbox/index.ts";
import { answerRatings, rateBotAnswer } from "../services/knowledge/index.ts";
import { intentMenu } from "../services/routing/index.ts";
import { getSetting } from "../services/settings/index.ts";
import { describeDevice } from "../services/widget/device.ts";
import { issueVisitorToken, verifyVisitorToken } from "../services/widget/visitor-token.ts";
import { errorResponse, idParam, isSameOrigin, json, rateLimit, readJson, requestIp, run } from "./http.ts";

export interface WidgetOptions {
  /** the deployment's public URL (AUTH_URL): its host counts as same-origin behind a proxy */
  publicUrl?: string;
}

/** visitor messages per IP and minute */
export const WIDGET_MESSAGES_PER_MINUTE = 60;
const SESSIONS_PER_MINUTE = 30;
const READS_PER_MINUTE = 300;
const MESSAGE_PAGE = 100;
const TOKEN_FIELDS = { token: "authorization" };
const MESSAGE_FIELDS = { ...TOKEN_FIELDS, customerName: "name" };

export function visitorTokenFromHeaders(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  if (!authorization) return null;
  const match = /^Visitor\s+(\S+)$/i.exec(authorization.trim());
  return match ? match[1]! : authorization.trim();
}

export function sameOrigin(request: Request, options: WidgetOptions): Response | null {
  if (isSameOrigin(request.headers, options.publicUrl) || isSameOrigin(request.headers, request.url)) return null;
  return errorResponse("FORBIDDEN", { field: "origin", message: "origin: cross-site request refused" });
}

const conversationSelect = { id: true, status: true, csatSentAt: true, csatScore: true, agentReadMessageId: true } as const;

interface Visitor {
  visitorId: string;
  customerId: number | null;
  conversation: { id: number; status: string; csatSentAt: Date | null; csatScore: number | null; agentReadMessageId: number } | null;
}

/** The visitor of a valid token, their customer (once they wrote) and their latest web conversation. */
export async function visitorFrom(db: Db, request: Request): Promise<Visitor> {
  const token = visitorTokenFromHeaders(request.headers);
  if (!token) throw new AppError("INVALID_VISITOR_TOKEN", { field: "authorization", message: "authorization: visitor token required" });
  const visitorId = verifyVisitorToken(token);
  return loadVisitor(db, visitorId);
}

async function loadVisitor(db: Db, visitorId: string): Promise<Visitor> {
  const customerId = await customerIdOnChannel(db, "WEB", visitorId);
  if (customerId === null) return { visitorId, customerId: null, conversation: null };
  return { visitorId, customerId, conversation: await latestConversationOnChannel(db, customerId, "WEB", conversationSelect) };
}

async function summary(db: Db, conversation: NonNullable<Visitor["conversation"]>) {
  const queue = await queuePosition(db, conversation.id);
  return {
    id: conversation.id,
    status: conversation.status,
    position: queue.position,
    expectedWaitSeconds: queue.expectedWaitSeconds,
    csat: {
      available: conversation.status === "RESOLVED" && conversation.csatSentAt !== null && conversation.csatScore === null,
      score: conversation.csatScore,
    },
    /** the read receipt: the agent read the customer's messages up to this id */
    agentReadMessageId: conversation.agentReadMessageId,
  };
}

export function requireConversation(visitor: Visitor): { id: number; customerId: number } {
  if (!visitor.conversation || visitor.customerId === null) throw new AppError("NOT_FOUND", { field: "conversation", message: "conversation: none yet" });
  return { id: visitor.conversation.id, customerId: visitor.customerId };
}

/** POST /api/v1/widget/session — a new token (or the still-valid one presented), the widget config and the current conversation. */
export function handleWidgetSession(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(async () => {
    const refused = sameOrigin(request, options);
    if (refused) return refused;
    const presented = visitorTokenFromHeaders(request.headers);
    let token: string;
    let visitorId: string;
    if (presented) {
      visitorId = verifyVisitorToken(presented);
      token = presented;
    } else {
      const limited = await rateLimit(`widget:session:${requestIp(request.headers)}`, SESSIONS_PER_MINUTE, 60);
      if (limited) return limited;
      ({ token, visitorId } = issueVisitorToken());
    }
    const [visitor, replies, intents] = await Promise.all([loadVisitor(db, visitorId), getSetting(db, "bot.replies"), intentMenu(db)]);
    return json({
      token,
      // intents: the routing menu (empty when off); the widget offers it while the bot holds the conversation
      config: { welcomeMessage: replies.welcomeMessage, intents },
      conversation: visitor.conversation ? await summary(db, visitor.conversation) : null,
    });
  }, TOKEN_FIELDS);
}

/**
 * POST /api/v1/widget/messages — { clientId, body, name?, phone?, teamId?, intentId?, pageUrl? }; the bot answers while the
 * conversation is with it. `teamId` is the team the embedding page serves (the embed's `data-team`); it applies to a new
 * conversation. `intentId` is the menu intent the customer picked (config.intents), which picks the team at hand-off.
 */
export function handleWidgetPostMessage(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(async () => {
    const refused = sameOrigin(request, options);
    if (refused) return refused;
    const limited = await rateLimit(`widget:messages:${requestIp(request.headers)}`, WIDGET_MESSAGES_PER_MINUTE, 60);
    if (limited) return limited;
    const token = visitorTokenFromHeaders(request.headers);
    if (!token) throw new AppError("INVALID_VISITOR_TOKEN", { field: "authorization", message: "authorization: visitor token required" });
    const visitorId = verifyVisitorToken(token);
    const input = await readJson(request);
    const optional = (value: unknown) => (value === undefined || value === null || value === "" ? undefined : value);
    const received = await handleIncomingCustomerMessage(db, {
      channel: "WEB",
      externalUserId: visitorId,
      clientId: input.clientId as string,
      body: input.body as string,
      customerName: optional(input.name) as string | undefined,
      phone: optional(input.phone) as string | undefined,
      teamId: optional(input.teamId) as number | undefined,
      intentId: optional(input.intentId) as number | undefined,
      pageUrl: optional(input.pageUrl) as string | undefined,
      device: describeDevice(request.headers.get("user-agent")) ?? undefined,
    });
    return json({ conversationId: received.conversationId, messageId: received.messageId, duplicate: received.duplicate }, received.duplicate ? 200 : 201);
  }, MESSAGE_FIELDS);
}

/** GET /api/v1/widget/messages?after=<id> — the visitor's conversation messages (no internal notes), oldest first. */
export function handleWidgetListMessages(db: Db, request: Request): Promise<Response> {
  return run(async () => {
    const limited = await rateLimit(`widget:reads:${requestIp(request.headers)}`, READS_PER_MINUTE, 60);
    if (limited) return limited;
    const after = idParam(new URL(request.url), "after");
    const visitor = await visitorFrom(db, request);
    if (!visitor.conversation || visitor.customerId === null) return json({ conversationId: null, items: [], hasMore: false });
    const page = await listCustomerMessages(db, {
      conversationId: visitor.conversation.id,
      afterId: after,
      limit: MESSAGE_PAGE,
      customerId: visitor.customerId,
    });
    const ratings = await answerRatings(
      db,
      page.items.filter((m) => m.senderType === "BOT" && m.kbArticleId !== null).map((m) => m.id),
    );
    return json({
      conversationId: visitor.conversation.id,
      hasMore: page.hasMore,
      items: page.items.map((m) => ({
        id: m.id,
        senderType: m.senderType,
        kind: m.kind,
        body: m.body,
        createdAt: m.createdAt.toISOString(),
        senderName: m.senderType === "AGENT" ? (m.sender?.name ?? null) : null,
        clientId: m.senderType === "CUSTOMER" ? m.clientId : null,
        attachment: m.attachment,
        ratable: m.senderType === "BOT" && m.kbArticleId !== null,
        rating: ratings.get(m.id) ?? null,
      })),
    });
  }, TOKEN_FIELDS);
}

/** POST /api/v1/widget/feedback — the visitor rates a bot answer of their conversation (有帮助 / 没帮助, why not). */
export function handleWidgetAnswerFeedback(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(async () => {
    const refused = sameOrigin(request, options);
    if (refused) return refused;
    const visitor = await visitorFrom(db, request);
    const input = await readJson(request);
    const conversation = requireConversation(visitor);
    const rating = await rateBotAnswer(db, { customerId: conversation.customerId, conversationId: conversation.id }, input);
    return json(rating);
  }, TOKEN_FIELDS);
}

/** GET /api/v1/widget/state — the current conversation's status, queue position and expected wait (null before the first message). */
export function handleWidgetState(db: Db, request: Request): Promise<Response> {
  return run(async () => {
    const limited = await rateLimit(`widget:reads:${requestIp(request.headers)}`, READS_PER_MINUTE, 60);
    if (limited) return limited;
    const visitor = await visitorFrom(db, request);
    return json({ conversation: visitor.conversation ? await summary(db, visitor.conversation) : null });
  }, TOKEN_FIELDS);
}

/** POST /api/v1/widget/csat — { score 1–5, comment? } once the conversation was resolved by a person. */
export function handleWidgetCsat(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(async () => {
    const refused = sameOrigin(request, options);
    if (refused) return refused;
    const visitor = await visitorFrom(db, request);
    const input = await readJson(request);
    const conversation = requireConversation(visitor);
    const comment = input.comment === undefined || input.comment === null ? undefined : (input.comment as string);
    const result = await submitCsat(db, { conversationId: conversation.id, score: input.score as number, comment, customerId: conversation.customerId });
    return json(result);
  }, TOKEN_FIELDS);
}

/** POST /api/v1/widget/leave — the visitor leaves the queue (QUEUED → ABANDONED). */
export function handleWidgetLeave(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(async () => {
    const refused = sameOrigin(request, options);
    if (refused) return refused;
    const visitor = await visitorFrom(db, request);
    const conversation = requireConversation(visitor);
    const result = await abandonConversation(db, conversation.id, { customerId: conversation.customerId });
    return json({ conversationId: result.conversationId, status: result.status });
  }, TOKEN_FIELDS);
}

/** POST /api/v1/widget/realtime-auth — form body socket_id, channel_name; only the visitor's own conversation channels. */
export function handleWidgetRealtimeAuth(db: Db, request: Request, options: WidgetOptions = {}): Promise<Response> {
  return run(async () => {
    const refused = sameOrigin(request, options);
    if (refused) return refused;
    const visitor = await visitorFrom(db, request);
    const form = new URLSearchParams(await request.text());
    const socketId = form.get("socket_id") ?? "";
    const channelName = form.get("channel_name") ?? "";
    if (!/^\d{1,20}\.\d{1,20}$/.test(socketId)) throw new AppError("INVALID_INPUT", { field: "socket_id", message: "socket_id: invalid" });
    const match = /^private-conversation-(\d{1,12})$/.exec(channelName);
    if (!match) throw new AppError("FORBIDDEN", { field: "channel_name", message: "channel_name: not allowed" });
    const conversationId = Number(match[1]);
    const owned =
      visitor.customerId !== null &&
      (await db.conversation.count({ where: { id: conversationId, customerId: visitor.customerId } })) === 1 &&
      channelName === channels.conversation(conversationId);
    if (!owned) throw new AppError("FORBIDDEN", { field: "channel_name", message: "channel_name: not allowed" });
    return json(getPusher().authorizeChannel(socketId, channelName));
  }, TOKEN_FIELDS);
}
