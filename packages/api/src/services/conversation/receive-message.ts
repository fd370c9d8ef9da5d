/**
 * A customer's message arrives (widget or channel, DESIGN §3.1): the customer is found or created, the
 * message lands in their open conversation on that channel — a new one (status BOT) when there is none, or the
 * last one reopened when it was resolved within the reopen window (see state-machine.ts) — all in one
 * transaction. The sender's clientId makes it idempotent: a replay returns the stored message and writes nothing.
 */
import type { Channel, CustomerLevel, Db } from "@kefu/db/client";
import { normalizePhone, protectPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { MESSAGE_BODY_MAX } from "../../contracts/limits.ts";
import { AppError } from "../../errors.ts";
import { conversationEvents, publishAll, type Publication } from "../../realtime/conversation-events.ts";
import { monitorEvents } from "../../realtime/monitor-events.ts";
import { getSetting, type SettingValue } from "../settings/index.ts";
import { assertTeamExists, defaultTeamId, enterQueue, snapshot } from "./handoff.ts";
import { triggerRouting } from "./routing.ts";
import {
  addEvent,
  appendMessage,
  appendSystemMessage,
  lockAgent,
  lockConversation,
  pausedSecondsAt,
  queueChangedFor,
  runTx,
  scheduleReplyTimeout,
  unavailability,
  type ConversationState,
  type Tx,
} from "./shared.ts";
import { nextStatus, OPEN_STATUSES } from "./state-machine.ts";

export { MESSAGE_BODY_MAX };
const CHANNELS = ["WEB", "WECHAT", "APP", "API"] as const satisfies readonly Channel[];
const PRIORITY_BY_LEVEL: Record<CustomerLevel, number> = { NORMAL: 0, VIP: 1, SVIP: 2 };
/** a replayed clientId is looked for in the customer's latest conversations on the channel */
const REPLAY_LOOKBACK = 5;

export interface CustomerMessageInput {
  channel: Channel;
  /** the visitor id, WeChat openid, app user id … */
  externalUserId: string;
  /** the sender's idempotency key */
  clientId: string;
  body: string;
  customerName?: string;
  phone?: string;
  /** the team (技能组) the entry point serves, e.g. the widget embedded on a product's help page; new conversations only */
  teamId?: number;
}

export interface ReceivedMessage {
  conversationId: number;
  messageId: number;
  status: ConversationState["status"];
  /** the clientId was seen before: nothing was written */
  duplicate: boolean;
  /** this message started a new conversation */
  created: boolean;
  /** this message reopened a resolved conversation */
  reopened: boolean;
}

export function validateMessageBody(body: unknown, max = MESSAGE_BODY_MAX, field = "body"): string {
  if (typeof body !== "string" || body.trim().length === 0 || body.length > max) throw new AppError("INVALID_INPUT", { field, params: { max } });
  return body;
}

export function validateClientId(clientId: unknown): string {
  if (typeof clientId !== "string" || !/^[\w.:-]{1,64}$/.test(clientId)) throw new AppError("INVALID_INPUT", { field: "clientId", params: { max: 64 } });
  return clientId;
}

function validate(input: CustomerMessageInput) {
  if (!(CHANNELS as readonly string[]).includes(input.channel)) throw new AppError("INVALID_INPUT", { field: "channel" });
  if (typeof input.externalUserId !== "string" || input.externalUserId.length < 1 || input.externalUserId.length > 128)
    throw new AppError("INVALID_INPUT", { field: "externalUserId", params: { max: 128 } });
  validateClientId(input.clientId);
  validateMessageBody(input.body);
  if (input.customerName !== undefined && (typeof input.customerName !== "string" || input.customerName.trim().length > 64))
    throw new AppError("INVALID_INPUT", { field: "customerName", params: { max: 64 } });
  if (input.phone !== undefined && !/^1\d{10}$/.test(normalizePhone(String(input.phone)))) throw new AppError("INVALID_INPUT", { field: "phone" });
  if (input.teamId !== undefined && !(Number.isSafeInteger(input.teamId) && input.teamId > 0)) throw new AppError("INVALID_INPUT", { field: "teamId" });
}

interface Settings {
  routing: SettingValue<"routing">;
  strategy: SettingValue<"bot.strategy">;
  teamId: number | null;
}

async function findOrCreateCustomer(tx: Tx, input: CustomerMessageInput, at: Date) {
  const identity = await tx.customerIdentity.findUnique({
    where: { channel_externalUserId: { channel: input.channel, externalUserId: input.externalUserId } },
    select: { customer: { select: { id: true, level: true, phoneHash: true } } },
  });
  const phone = input.phone ? protectPhone(fieldKeysFromEnv(), input.phone) : null;
  if (identity) {
    if (phone && !identity.customer.phoneHash) await tx.customer.update({ where: { id: identity.customer.id }, data: phone });
    return { id: identity.customer.id, level: identity.customer.level };
  }
  const byPhone = phone ? await tx.customer.findFirst({ where: { phoneHash: phone.phoneHash }, orderBy: { id: "asc" }, select: { id: true, level: true } }) : null;
  if (byPhone) {
    // a concurrent first message with the same identity makes this a unique violation: the transaction is retried
    await tx.customerIdentity.create({ data: { customerId: byPhone.id, channel: input.channel, externalUserId: input.externalUserId } });
    return byPhone;
  }
  const name = input.customerName?.trim() || `${input.channel.toLowerCase()}-${input.externalUserId.slice(-8)}`;
  return tx.customer.create({
    data: {
      name,
      ...(phone ?? {}),
      firstSeenAt: at,
      lastSeenAt: at,
      identities: { create: { channel: input.channel, externalUserId: input.externalUserId } },
    },
    select: { id: true, level: true },
  });
}

export async function receiveCustomerMessage(db: Db, input: CustomerMessageInput): Promise<ReceivedMessage> {
  validate(input);
  if (input.teamId !== undefined) await assertTeamExists(db, input.teamId, "teamId");
  const [routing, strategy, fallbackTeamId] = await Promise.all([getSetting(db, "routing"), getSetting(db, "bot.strategy"), defaultTeamId(db)]);
  const teamId = input.teamId ?? fallbackTeamId;
  const settings: Settings = { routing, strategy, teamId };
  let publications: Publication[] = [];
  let queuedTeam: { teamId: number | null } | null = null;

  const result = await runTx(
    db,
    async (tx): Promise<ReceivedMessage> => {
      publications = [];
      queuedTeam = null;
      const at = new Date();
      const customer = await findOrCreateCustomer(tx, input, at);
      // serialises this customer's messages: one open conversation per channel, one row per clientId
      await tx.$queryRaw`SELECT id FROM \`Customer\` WHERE id = ${customer.id} FOR UPDATE`;

      const recent = await tx.conversation.findMany({
        where: { customerId: customer.id, channel: input.channel },
        orderBy: { id: "desc" },
        take: REPLAY_LOOKBACK,
        select: { id: true, status: true, resolvedAt: true },
      });
      if (recent.length > 0) {
        const replay = await tx.message.findFirst({
          where: { conversationId: { in: recent.map((c) => c.id) }, clientId: input.clientId, senderType: "CUSTOMER" },
          select: { id: true, conversation: { select: { id: true, status: true } } },
        });
        if (replay) return { conversationId: replay.conversation.id, messageId: replay.id, status: replay.conversation.status, duplicate: true, created: false, reopened: false };
      }

      let created = false;
      let reopened = false;
      let conversation: ConversationState;
      const open = recent.find((c) => (OPEN_STATUSES as readonly string[]).includes(c.status));
      const last = recent[0];
      const windowMs = settings.routing.reopenWindowHours * 3_600_000;
      if (open) {
        conversation = await lockConversation(tx, open.id);
      } else if (last?.status === "RESOLVED" && last.resolvedAt && windowMs > 0 && at.getTime() - last.resolvedAt.getTime() <= windowMs) {
        conversation = await reopen(tx, await lockConversation(tx, last.id), settings, at, publications);
        reopened = true;
        if (conversation.status === "QUEUED") queuedTeam = { teamId: conversation.teamId };
      } else {
        conversation = await startConversation(tx, customer, input.channel, input.teamId ?? null, at);
        created = true;
      }

      if (conversation.status === "PAUSED") {
        // the customer answered what the agent was waiting for: the SLA clock runs again
        const to = nextStatus("resume", conversation.status);
        const pausedSeconds = pausedSecondsAt(conversation, at);
        await tx.conversation.update({ where: { id: conversation.id }, data: { status: to, pausedAt: null, pausedSeconds } });
        await addEvent(tx, conversation.id, { type: "RESUMED", fromStatus: "PAUSED", toStatus: to, detail: { reason: "customer_message", pausedSeconds: pausedSeconds - conversation.pausedSeconds } }, at);
        conversation = { ...conversation, status: to, pausedAt: null, pausedSeconds };
        publications.push(conversationEvents.conversationUpdated(conversation));
      }

      const message = await appendMessage(tx, conversation.id, { senderType: "CUSTOMER", kind: "TEXT", body: input.body, clientId: input.clientId }, at, { lastCustomerMessageAt: at });
      await tx.customer.update({ where: { id: customer.id }, data: { lastSeenAt: at, ...(created ? { conversationCount: { increment: 1 } } : {}) } });
      publications.push(conversationEvents.messageCreated(message, conversation.assigneeId));
      if (conversation.assigneeId) publications.push(monitorEvents.message({ conversationId: conversation.id, assigneeId: conversation.assigneeId, senderType: "CUSTOMER" }));

      if (created) {
        const reason = !settings.strategy.enabled ? "bot_disabled" : settings.strategy.priorityDirectToQueue && customer.level !== "NORMAL" ? "priority_customer" : null;
        if (reason) {
          const queued = await enterQueue(tx, conversation, { teamId: settings.teamId, reason, systemMessage: { key: "conversation.queued" } }, at);
          conversation = { ...conversation, status: "QUEUED", teamId: settings.teamId };
          publications.push(conversationEvents.messageCreated(queued.message, null));
          queuedTeam = { teamId: settings.teamId };
        }
        publications.push(conversationEvents.conversationUpdated(conversation));
      }
      return { conversationId: conversation.id, messageId: message.id, status: conversation.status, duplicate: false, created, reopened };
    },
    { retryUniqueViolation: true },
  );

  if (result.duplicate) return result;
  const queued = queuedTeam as { teamId: number | null } | null;
  await publishAll([...publications, ...(queued ? await queueChangedFor(db, [queued.teamId]) : [])]);
  if (!queued) return result;
  await triggerRouting(db, { teamId: queued.teamId });
  return { ...result, status: (await snapshot(db, result.conversationId)).status };
}

async function startConversation(tx: Tx, customer: { id: number; level: CustomerLevel }, channel: Channel, teamId: number | null, at: Date): Promise<ConversationState> {
  const conversation = await tx.conversation.create({
    data: { customerId: customer.id, channel, status: "BOT", priority: PRIORITY_BY_LEVEL[customer.level], teamId, createdAt: at },
    select: { id: true },
  });
  await addEvent(tx, conversation.id, { type: "CREATED", toStatus: "BOT", detail: { channel } }, at);
  return lockConversation(tx, conversation.id);
}

/**
 * Reopens a resolved conversation: back to the agent who resolved it when they can take it now, else to its
 * team's queue; back to the bot when the bot had resolved it. The resolution is cleared (the rate counts it
 * as reopened from the REOPENED event).
 */
async function reopen(tx: Tx, conversation: ConversationState, settings: Settings, at: Date, publications: Publication[]): Promise<ConversationState> {
  await tx.conversation.update({ where: { id: conversation.id }, data: { reopenedAt: at, resolvedAt: null, resolutionCategory: null, resolutionNote: null } });
  const previous = conversation.assigneeId;
  if (previous === null) {
    const to = nextStatus("reopenToBot", conversation.status);
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to } });
    await addEvent(tx, conversation.id, { type: "REOPENED", fromStatus: conversation.status, toStatus: to }, at);
    const state = { ...conversation, status: to, resolvedAt: null };
    publications.push(conversationEvents.conversationUpdated(state));
    return state;
  }

  const agent = await lockAgent(tx, previous);
  if (agent && !unavailability(agent)) {
    const to = nextStatus("reopenToAgent", conversation.status);
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to } });
    const eventId = await addEvent(tx, conversation.id, { type: "REOPENED", fromStatus: conversation.status, toStatus: to, fromUserId: previous, toUserId: previous, toTeamId: conversation.teamId }, at);
    const message = await appendSystemMessage(tx, conversation.id, "conversation.reopened", at);
    await scheduleReplyTimeout(tx, { conversationId: conversation.id, assigneeId: previous, eventId, afterMessageId: message.id }, conversation.teamId, settings.routing.replyTimeoutSeconds, at);
    const state = { ...conversation, status: to, resolvedAt: null };
    publications.push(conversationEvents.conversationUpdated(state), conversationEvents.conversationAssigned(previous, state), conversationEvents.messageCreated(message, previous));
    return state;
  }

  const to = nextStatus("reopenToQueue", conversation.status);
  await addEvent(tx, conversation.id, { type: "REOPENED", fromStatus: conversation.status, toStatus: to, fromUserId: previous, toTeamId: conversation.teamId }, at);
  const { message } = await enterQueue(tx, conversation, { teamId: conversation.teamId, reason: "reopened", systemMessage: { key: "conversation.reopened" } }, at);
  const state = { ...conversation, status: to, assigneeId: null, resolvedAt: null };
  publications.push(conversationEvents.conversationUpdated(state), conversationEvents.messageCreated(message, null));
  return state;
}
