/**
 * A customer's message arrives (widget or channel): the customer is found or created, the
 * message lands in their open conversation on that channel — a new one (status BOT) when there is none, or the
 * last one reopened when it was resolved within the reopen window (see state-machine.ts) — all in one
 * transaction. The sender's clientId makes it idempotent: a replay returns the stored message and writes nothing.
 */
import type { Channel, CustomerLevel, Db } from "@kefu/db/client";
import { protectPhone } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { MESSAGE_BODY_MAX } from "../../contracts/limits.ts";
import { customerMessageInput } from "../../contracts/conversation.ts";
import { parseInput } from "../../errors.ts";
import { runUnitOfWork, type Tx, type UnitOfWork } from "../../domain-events/index.ts";
import { getSetting, type SettingValue } from "../settings/index.ts";
import { assertIntentOffered, chooseHandoffTeam, recordIntentChoice } from "../routing/index.ts";
import { assertTeamExists, enterQueue, snapshot } from "./handoff.ts";
import { triggerRouting } from "./routing.ts";
import { lockAgent, unavailability } from "./capacity.ts";
import { CONVERSATION_STATE_COLUMNS, lockConversation, pausedSecondsAt, type ConversationState } from "./conversation-row.ts";
import { scheduleReplyTimeout } from "./scheduling.ts";
import { nextStatus, OPEN_STATUSES } from "./state-machine.ts";
import { addEvent, appendMessages, appendSystemMessage, type NewAttachment, type NewMessage } from "./timeline.ts";

export { MESSAGE_BODY_MAX };
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
  /** the intent the customer picked in the widget menu (a routing rule's id); applies while the bot holds the conversation */
  intentId?: number;
  /** the visitor's device ("iPhone · Safari") and the page the chat was opened on, kept on the customer */
  device?: string;
  pageUrl?: string;
  /** a file the customer sent (the body is its name); the bot does not read files, so it takes no turn */
  attachment?: NewAttachment;
}

/**
 * The bot's part in the same unit of work, for a conversation it holds (status BOT): decided after the customer
 * and conversation are locked and before anything is written, so the customer's message and the bot's answer go
 * in together. `message` is written with the customer's; `afterAppend` does the rest (a hand-off, say).
 */
export interface BotReply<Outcome> {
  message: NewMessage | null;
  conversationData?: { botLowConfidenceCount: number };
  /** what the bot did, given the id its message was written under (null when it wrote none) */
  outcome: (botMessageId: number | null) => Outcome;
  afterAppend?: (uow: UnitOfWork, conversation: ConversationState, at: Date) => Promise<ConversationState>;
}

export type BotTurn<Outcome> = (uow: UnitOfWork, conversation: ConversationState, body: string) => Promise<BotReply<Outcome>>;

export interface ReceiveOptions<Outcome> {
  botTurn?: BotTurn<Outcome>;
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

export interface ReceivedWithBot<Outcome> extends ReceivedMessage {
  /** what the bot did in the same unit of work (none when the conversation was not with the bot) */
  bot: Outcome | null;
}

function validate(input: CustomerMessageInput) {
  parseInput(customerMessageInput, input);
}

interface Settings {
  routing: SettingValue<"routing">;
  strategy: SettingValue<"bot.strategy">;
}

/**
 * The customer behind the channel identity (matched by phone hash, or created, the first time), locked: the lock
 * serialises this customer's messages (one open conversation per channel, one row per clientId).
 */
async function lockOrCreateCustomer(tx: Tx, input: CustomerMessageInput, at: Date): Promise<{ id: number; level: CustomerLevel; anonymous?: boolean }> {
  const phone = input.phone ? protectPhone(fieldKeysFromEnv(), input.phone) : null;
  const [known] = await tx.$queryRaw<{ id: number; level: CustomerLevel; phoneHash: string | null }[]>`
    SELECT c.id, c.level, c.phoneHash FROM \`CustomerIdentity\` i JOIN \`Customer\` c ON c.id = i.customerId
    WHERE i.channel = ${input.channel} AND i.externalUserId = ${input.externalUserId} FOR UPDATE`;
  if (known) {
    if (phone && !known.phoneHash) await tx.customer.updateMany({ where: { id: known.id }, data: phone });
    return { id: known.id, level: known.level };
  }
  const byPhone = phone
    ? await tx.customer.findFirst({ where: { phoneHash: phone.phoneHash }, orderBy: { id: "asc" }, select: { id: true, level: true } })
    : null;
  const customer = byPhone
    ? // a concurrent first message with the same identity makes this a unique violation: the transaction is retried
      (await tx.customerIdentity.create({ data: { customerId: byPhone.id, channel: input.channel, externalUserId: input.externalUserId } }), byPhone)
    : await tx.customer.create({
        data: {
          name: input.customerName?.trim() || `${input.channel.toLowerCase()}-${input.externalUserId.slice(-8)}`,
          ...(phone ?? {}),
          firstSeenAt: at,
          lastSeenAt: at,
          identities: { create: { channel: input.channel, externalUserId: input.externalUserId } },
        },
        select: { id: true, level: true },
      });
  await tx.$queryRaw`SELECT id FROM \`Customer\` WHERE id = ${customer.id} FOR UPDATE`;
  return byPhone || input.customerName?.trim() ? customer : { ...customer, anonymous: true };
}

/** Where a new conversation came from, as far as the channel tells: kept on the customer (the latest one). */
function visitContext(input: CustomerMessageInput): { device?: string; pageUrl?: string } {
  return { ...(input.device ? { device: input.device } : {}), ...(input.pageUrl ? { pageUrl: input.pageUrl } : {}) };
}

interface RecentConversation extends ConversationState {
  /** the stored message with this clientId, when the message is a replay */
  replayMessageId: number | null;
}

/** The customer's latest conversations on the channel, locked, each with the message that already has this clientId. */
function lockRecentConversations(tx: Tx, customerId: number, channel: Channel, clientId: string) {
  return tx.$queryRaw<RecentConversation[]>`
    SELECT ${CONVERSATION_STATE_COLUMNS},
      (SELECT m.id FROM \`Message\` m WHERE m.conversationId = c.id AND m.clientId = ${clientId} AND m.senderType = 'CUSTOMER') AS replayMessageId
    FROM \`Conversation\` c WHERE c.customerId = ${customerId} AND c.channel = ${channel}
    ORDER BY c.id DESC LIMIT ${REPLAY_LOOKBACK} FOR UPDATE`;
}

export function receiveCustomerMessage(db: Db, input: CustomerMessageInput): Promise<ReceivedMessage> {
  return receive(db, input, {});
}

/** Receives the message and, while the conversation is with the bot, lets it answer or hand off in the same unit of work. */
export function receiveCustomerMessageWithBot<Outcome>(db: Db, input: CustomerMessageInput, botTurn: BotTurn<Outcome>): Promise<ReceivedWithBot<Outcome>> {
  return receive(db, input, { botTurn });
}

async function receive<Outcome>(db: Db, input: CustomerMessageInput, options: ReceiveOptions<Outcome>): Promise<ReceivedWithBot<Outcome>> {
  validate(input);
  if (input.teamId !== undefined) await assertTeamExists(db, input.teamId, "teamId");
  if (input.intentId !== undefined) await assertIntentOffered(db, input.intentId);
  const [routing, strategy] = await Promise.all([getSetting(db, "routing"), getSetting(db, "bot.strategy")]);
  const settings: Settings = { routing, strategy };
  let queuedTeam: { teamId: number | null } | null = null;

  const result = await runUnitOfWork(
    db,
    async (uow): Promise<ReceivedWithBot<Outcome>> => {
      const { tx } = uow;
      queuedTeam = null;
      const at = new Date();
      const customer = await lockOrCreateCustomer(tx, input, at);
      const recent = await lockRecentConversations(tx, customer.id, input.channel, input.clientId);
      const replay = recent.find((c) => c.replayMessageId !== null);
      if (replay)
        return {
          conversationId: replay.id,
          messageId: Number(replay.replayMessageId),
          status: replay.status,
          duplicate: true,
          created: false,
          reopened: false,
          bot: null,
        };

      let created = false;
      let reopened = false;
      let conversation: ConversationState;
      const open = recent.find((c) => (OPEN_STATUSES as readonly string[]).includes(c.status));
      const last = recent[0];
      const windowMs = settings.routing.reopenWindowHours * 3_600_000;
      if (open) {
        conversation = open;
      } else if (last?.status === "RESOLVED" && last.resolvedAt && windowMs > 0 && at.getTime() - last.resolvedAt.getTime() <= windowMs) {
        conversation = await reopen(uow, last, settings, at);
        reopened = true;
      } else {
        conversation = await startConversation(uow, customer, input.channel, input.teamId ?? null, at);
        created = true;
      }

      if (conversation.status === "PAUSED") {
        // the customer answered what the agent was waiting for: the SLA clock runs again
        const to = nextStatus("resume", conversation.status);
        const pausedSeconds = pausedSecondsAt(conversation, at);
        await tx.conversation.updateMany({ where: { id: conversation.id }, data: { status: to, pausedAt: null, pausedSeconds } });
        const resumed: ConversationState = { ...conversation, status: to, pausedAt: null, pausedSeconds };
        await addEvent(
          uow,
          resumed,
          {
            type: "RESUMED",
            fromStatus: "PAUSED",
            toStatus: to,
            detail: { reason: "customer_message", pausedSeconds: pausedSeconds - conversation.pausedSeconds },
          },
          at,
        );
        conversation = resumed;
      }
      if (input.intentId !== undefined && conversation.status === "BOT") await recordIntentChoice(tx, conversation.id, input.intentId, at);

      const directToQueue = created
        ? !settings.strategy.enabled
          ? "bot_disabled"
          : settings.strategy.priorityDirectToQueue && customer.level !== "NORMAL"
            ? "priority_customer"
            : null
        : null;
      const reply =
        conversation.status === "BOT" && !directToQueue && !input.attachment && options.botTurn ? await options.botTurn(uow, conversation, input.body) : null;
      const customerMessage: NewMessage = {
        senderType: "CUSTOMER",
        kind: input.attachment ? "ATTACHMENT" : "TEXT",
        body: input.body,
        clientId: input.clientId,
        unreadFor: conversation.assigneeId,
        attachment: input.attachment,
      };
      const [message, botMessage] = await appendMessages(uow, conversation, reply?.message ? [customerMessage, reply.message] : [customerMessage], at, {
        lastCustomerMessageAt: at,
        ...reply?.conversationData,
      });
      await tx.customer.updateMany({
        where: { id: customer.id },
        data: {
          lastSeenAt: at,
          ...(created ? { conversationCount: { increment: 1 }, ...visitContext(input) } : {}),
          // 访客 + the customer's id: short, unique and stable without a counter row to lock
          ...(customer.anonymous ? { visitorNo: customer.id } : {}),
        },
      });

      if (directToQueue) {
        const team = await chooseHandoffTeam(tx, { conversationId: conversation.id, teamId: conversation.teamId });
        await enterQueue(uow, conversation, { ...team, reason: directToQueue, systemMessage: { key: "conversation.queued" } }, at);
        conversation = { ...conversation, status: "QUEUED", teamId: team.teamId };
      }
      if (reply?.afterAppend) conversation = await reply.afterAppend(uow, conversation, at);
      if (conversation.status === "QUEUED" && (created || reopened || reply)) queuedTeam = { teamId: conversation.teamId };
      return {
        conversationId: conversation.id,
        messageId: message!.id,
        status: conversation.status,
        duplicate: false,
        created,
        reopened,
        bot: reply ? reply.outcome(botMessage?.id ?? null) : null,
      };
    },
    { retryUniqueViolation: true },
  );

  if (result.duplicate) return result;
  const queued = queuedTeam as { teamId: number | null } | null;
  if (!queued) return result;
  await triggerRouting(db, { teamId: queued.teamId });
  return { ...result, status: (await snapshot(db, result.conversationId)).status };
}

async function startConversation(
  uow: UnitOfWork,
  customer: { id: number; level: CustomerLevel },
  channel: Channel,
  teamId: number | null,
  at: Date,
): Promise<ConversationState> {
  const conversation = await uow.tx.conversation.create({
    data: { customerId: customer.id, channel, status: "BOT", priority: PRIORITY_BY_LEVEL[customer.level], teamId, createdAt: at },
    select: { id: true },
  });
  await addEvent(uow, { id: conversation.id, status: "BOT", assigneeId: null, teamId }, { type: "CREATED", toStatus: "BOT", detail: { channel } }, at);
  return lockConversation(uow.tx, conversation.id);
}

/**
 * Reopens a resolved conversation: back to the agent who resolved it when they can take it now, else to its
 * team's queue; back to the bot when the bot had resolved it. The resolution is cleared (the rate counts it
 * as reopened from the REOPENED event).
 */
async function reopen(uow: UnitOfWork, conversation: ConversationState, settings: Settings, at: Date): Promise<ConversationState> {
  const { tx } = uow;
  await tx.conversation.update({ where: { id: conversation.id }, data: { reopenedAt: at, resolvedAt: null, resolutionCategory: null, resolutionNote: null } });
  const previous = conversation.assigneeId;
  if (previous === null) {
    const to = nextStatus("reopenToBot", conversation.status);
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to } });
    const state = { ...conversation, status: to, resolvedAt: null };
    await addEvent(uow, state, { type: "REOPENED", fromStatus: conversation.status, toStatus: to }, at);
    return state;
  }

  const agent = await lockAgent(tx, previous);
  if (agent && !unavailability(agent)) {
    const to = nextStatus("reopenToAgent", conversation.status);
    await tx.conversation.update({ where: { id: conversation.id }, data: { status: to } });
    const state = { ...conversation, status: to, resolvedAt: null };
    const eventId = await addEvent(
      uow,
      state,
      { type: "REOPENED", fromStatus: conversation.status, toStatus: to, fromUserId: previous, toUserId: previous, toTeamId: conversation.teamId },
      at,
    );
    const message = await appendSystemMessage(uow, state, "conversation.reopened", at, { unreadFor: previous });
    await scheduleReplyTimeout(
      tx,
      { conversationId: conversation.id, assigneeId: previous, eventId, afterMessageId: message.id },
      conversation.teamId,
      settings.routing.replyTimeoutSeconds,
      at,
    );
    return state;
  }

  const to = nextStatus("reopenToQueue", conversation.status);
  await addEvent(
    uow,
    { id: conversation.id, status: to, assigneeId: null, teamId: conversation.teamId },
    { type: "REOPENED", fromStatus: conversation.status, toStatus: to, fromUserId: previous, toTeamId: conversation.teamId },
    at,
  );
  const { state } = await enterQueue(
    uow,
    conversation,
    { teamId: conversation.teamId, reason: "reopened", systemMessage: { key: "conversation.reopened" } },
    at,
  );
  return { ...conversation, ...state, resolvedAt: null };
}
