/**
 * Realtime events of the conversation spine. The realtime subscriber (subscribers.ts) builds them from the
 * domain events of a committed unit of work. Payloads carry ids, except a new message, which carries what the
 * customer may see of it (never an internal note); a client that needs more asks tRPC, and a client that
 * reconnects asks for everything after its last seen message id.
 */
import type { ConversationStatus, MessageKind, SenderType } from "@kefu/db";
import { LIVE_MESSAGE_MAX_BYTES, type LiveMessage } from "../contracts/realtime.ts";
import { channels } from "./channels.ts";
import type { Publication } from "./publish.ts";

export const conversationEvents = {
  /** to the conversation (assignee, supervisors, the customer's widget) and to the assignee's own channel (unread badges) */
  messageCreated(
    message: { id: number; conversationId: number; senderType: SenderType; kind: MessageKind },
    assigneeId: number | null,
    carried: { previousId: number | null; message: LiveMessage | null } = { previousId: null, message: null },
  ): Publication {
    const live = carried.message && message.kind !== "NOTE" && liveMessageFits(carried.message) ? carried.message : null;
    return {
      channel: [channels.conversation(message.conversationId), ...(assigneeId ? [channels.agent(assigneeId)] : [])],
      event: "message.created",
      data: {
        id: message.id,
        conversationId: message.conversationId,
        senderType: message.senderType,
        kind: message.kind,
        previousId: carried.previousId,
        message: live,
      },
    };
  },
  /** a status, assignee or team change: to the conversation, the monitor and the team */
  conversationUpdated(conversation: { id: number; status: ConversationStatus; assigneeId: number | null; teamId: number | null }): Publication {
    return {
      channel: [channels.conversation(conversation.id), channels.monitor, ...(conversation.teamId ? [channels.team(conversation.teamId)] : [])],
      event: "conversation.updated",
      data: { id: conversation.id, status: conversation.status, assigneeId: conversation.assigneeId, teamId: conversation.teamId },
    };
  },
  conversationAssigned(userId: number, conversation: { id: number; status: ConversationStatus }): Publication {
    return { channel: channels.agent(userId), event: "conversation.assigned", data: { id: conversation.id, status: conversation.status } };
  },
  conversationUnassigned(userId: number, conversationId: number): Publication {
    return { channel: channels.agent(userId), event: "conversation.unassigned", data: { id: conversationId } };
  },
  /** the reader's other tabs clear the unread badge */
  conversationRead(userId: number, conversationId: number, lastReadMessageId: number): Publication {
    return { channel: channels.agent(userId), event: "conversation.read", data: { id: conversationId, lastReadMessageId } };
  },
  conversationReceipt(conversationId: number, reader: "AGENT" | "CUSTOMER", lastReadMessageId: number): Publication {
    return { channel: channels.conversation(conversationId), event: "conversation.receipt", data: { id: conversationId, reader, lastReadMessageId } };
  },
  typing(conversationId: number, senderType: "CUSTOMER" | "AGENT", userId: number | null): Publication {
    return { channel: channels.conversation(conversationId), event: "typing", data: { conversationId, senderType, userId } };
  },
  /** the authoritative queue length of a team (null: conversations without a team) */
  queueChanged(teamId: number | null, queued: number): Publication {
    return { channel: [channels.monitor, ...(teamId ? [channels.team(teamId)] : [])], event: "queue.changed", data: { teamId, queued } };
  },
  /** an assignee did not answer in time and the conversation went back to the queue: tells supervisors */
  replyTimedOut(conversation: { id: number; teamId: number | null }, agentId: number): Publication {
    return {
      channel: [channels.monitor, ...(conversation.teamId ? [channels.team(conversation.teamId)] : [])],
      event: "conversation.replyTimeout",
      data: { id: conversation.id, teamId: conversation.teamId, agentId },
    };
  },
};

function liveMessageFits(message: LiveMessage): boolean {
  return Buffer.byteLength(JSON.stringify(message)) <= LIVE_MESSAGE_MAX_BYTES;
}
