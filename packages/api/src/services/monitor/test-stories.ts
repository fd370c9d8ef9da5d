/**
 * Test fixtures for the metrics: a conversation written as a story of timed steps, with the Conversation row,
 * its ConversationEvent rows and its messages exactly as the services would have left them.
 */
import type { Channel, ConversationEventType, ConversationStatus, Db, Prisma, SenderType } from "@kefu/db/client";

export type Step =
  /** the bot hands off: BOT_HANDOFF marker, then BOT → QUEUED */
  | { at: Date; kind: "handoff" }
  /** straight to the queue without the bot (VIP, bot off): BOT → QUEUED */
  | { at: Date; kind: "queue" }
  | { at: Date; kind: "assign"; agentId: number }
  /** to another agent (the status stays), optionally moving the conversation to another team */
  | { at: Date; kind: "transfer"; agentId: number; teamId?: number | null }
  | { at: Date; kind: "reopen" }
  /** reply timeout: ACTIVE → QUEUED */
  | { at: Date; kind: "requeue" }
  | { at: Date; kind: "pause" }
  | { at: Date; kind: "resume" }
  | { at: Date; kind: "resolve" }
  | { at: Date; kind: "abandon" }
  | { at: Date; kind: "csat"; score: number }
  | { at: Date; kind: "customer" | "agent" | "bot" | "note" };

export interface Story {
  createdAt: Date;
  teamId?: number | null;
  channel?: Channel;
  priority?: number;
  customerName?: string;
  steps: Step[];
}

let customerSequence = 0;

interface State {
  status: ConversationStatus;
  assigneeId: number | null;
  queuedAt: Date | null;
  assignedAt: Date | null;
  firstResponseAt: Date | null;
  lastCustomerMessageAt: Date | null;
  lastAgentMessageAt: Date | null;
  pausedAt: Date | null;
  resolvedAt: Date | null;
  csatSentAt: Date | null;
  csatScore: number | null;
  csatAt: Date | null;
  lastMessageId: number | null;
}

export async function writeStory(db: Db, story: Story): Promise<number> {
  const customer = await db.customer.create({ data: { name: story.customerName ?? `顾客${++customerSequence}` }, select: { id: true } });
  let teamId = story.teamId ?? null;
  const channel = story.channel ?? "WEB";
  const conversation = await db.conversation.create({
    data: { customerId: customer.id, channel, status: "BOT", teamId, priority: story.priority ?? 0, createdAt: story.createdAt },
    select: { id: true },
  });
  const id = conversation.id;
  const state: State = {
    status: "BOT",
    assigneeId: null,
    queuedAt: null,
    assignedAt: null,
    firstResponseAt: null,
    lastCustomerMessageAt: null,
    lastAgentMessageAt: null,
    pausedAt: null,
    resolvedAt: null,
    csatSentAt: null,
    csatScore: null,
    csatAt: null,
    lastMessageId: null,
  };
  const event = (at: Date, type: ConversationEventType, data: Partial<Prisma.ConversationEventUncheckedCreateInput> = {}) =>
    db.conversationEvent.create({ data: { conversationId: id, type, at, ...data } });
  const move = async (at: Date, type: ConversationEventType, to: ConversationStatus, data: Partial<Prisma.ConversationEventUncheckedCreateInput> = {}) => {
    await event(at, type, { fromStatus: state.status, toStatus: to, ...data });
    state.status = to;
  };
  const message = async (at: Date, senderType: SenderType, kind: "TEXT" | "NOTE" = "TEXT") => {
    const row = await db.message.create({
      data: {
        conversationId: id,
        senderType,
        senderId: senderType === "AGENT" ? state.assigneeId : null,
        kind,
        body: `${senderType} ${at.toISOString()}`,
        createdAt: at,
      },
      select: { id: true },
    });
    state.lastMessageId = row.id;
  };

  await event(story.createdAt, "CREATED", { toStatus: "BOT", detail: { channel } });
  for (const step of story.steps) {
    const { at } = step;
    switch (step.kind) {
      case "handoff":
        await event(at, "BOT_HANDOFF", { toTeamId: teamId, detail: { reason: "customer_request", routing: { by: "entry" } } });
        // the conversation was created for its team (an entry team), so the move into the queue is from it
        await move(at, "QUEUED", "QUEUED", { fromTeamId: teamId, toTeamId: teamId, detail: { reason: "customer_request", routing: { by: "entry" } } });
        state.queuedAt = at;
        break;
      case "queue":
        await move(at, "QUEUED", "QUEUED", { fromTeamId: teamId, toTeamId: teamId, detail: { reason: "priority_customer", routing: { by: "entry" } } });
        state.queuedAt = at;
        break;
      case "assign":
        await move(at, "ASSIGNED", "ACTIVE", { toUserId: step.agentId, toTeamId: teamId });
        state.assigneeId = step.agentId;
        state.assignedAt = at;
        break;
      case "transfer":
        await event(at, "TRANSFERRED", {
          fromStatus: state.status,
          toStatus: state.status,
          fromUserId: state.assigneeId,
          toUserId: step.agentId,
          fromTeamId: teamId,
          toTeamId: step.teamId === undefined ? teamId : step.teamId,
        });
        if (step.teamId !== undefined) teamId = step.teamId;
        state.assigneeId = step.agentId;
        break;
      case "reopen":
        await move(at, "REOPENED", "BOT");
        state.resolvedAt = null;
        break;
      case "requeue":
        await move(at, "REQUEUED", "QUEUED", { fromUserId: state.assigneeId, fromTeamId: teamId, toTeamId: teamId, detail: { reason: "reply_timeout" } });
        state.assigneeId = null;
        state.queuedAt = at;
        break;
      case "pause":
        await move(at, "PAUSED", "PAUSED", { actorId: state.assigneeId });
        state.pausedAt = at;
        break;
      case "resume":
        await move(at, "RESUMED", "ACTIVE", {
          actorId: state.assigneeId,
          detail: { pausedSeconds: state.pausedAt ? Math.round((at.getTime() - state.pausedAt.getTime()) / 1000) : 0 },
        });
        state.pausedAt = null;
        break;
      case "resolve":
        // as resolveConversation (an agent) or resolveByBot (the bot) write it
        await move(
          at,
          "RESOLVED",
          "RESOLVED",
          state.assigneeId
            ? { fromUserId: state.assigneeId, actorId: state.assigneeId, detail: { resolutionCategory: "问题已解决" } }
            : { detail: { resolvedBy: "bot" } },
        );
        state.resolvedAt = at;
        if (state.assigneeId) state.csatSentAt = at;
        break;
      case "abandon":
        await move(at, "ABANDONED", "ABANDONED", {
          fromTeamId: teamId,
          detail: { waitedSeconds: state.queuedAt ? Math.round((at.getTime() - state.queuedAt.getTime()) / 1000) : 0 },
        });
        break;
      case "csat":
        await event(at, "CSAT", { fromUserId: state.assigneeId, detail: { score: step.score } });
        state.csatScore = step.score;
        state.csatAt = at;
        break;
      case "customer":
        await message(at, "CUSTOMER");
        state.lastCustomerMessageAt = at;
        break;
      case "agent":
        await message(at, "AGENT");
        state.lastAgentMessageAt = at;
        state.firstResponseAt ??= at;
        break;
      case "bot":
        await message(at, "BOT");
        break;
      case "note":
        await message(at, "AGENT", "NOTE");
        break;
    }
  }
  await db.conversation.update({ where: { id }, data: { ...state, status: state.status, teamId } });
  return id;
}

export const at = (base: Date, hours: number, minutes = 0, seconds = 0) => new Date(base.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000);
