/**
 * Writes a generated conversation: the Conversation row (timestamps derived from its events),
 * its messages and events with ids in time order, and its tags.
 */
import type { BulkLoader, IdAllocator, TableWriter } from "./bulk-insert.ts";
import { deriveTimes, type ConversationDraft, type ConversationTimes } from "./conversations.ts";

const CONVERSATION_COLUMNS = [
  "id",
  "customerId",
  "channel",
  "status",
  "priority",
  "teamId",
  "assigneeId",
  "category",
  "subject",
  "resolutionCategory",
  "resolutionNote",
  "botLowConfidenceCount",
  "createdAt",
  "updatedAt",
  "queuedAt",
  "assignedAt",
  "firstResponseAt",
  "lastCustomerMessageAt",
  "lastAgentMessageAt",
  "pausedAt",
  "pausedSeconds",
  "resolvedAt",
  "reopenedAt",
  "csatSentAt",
  "csatScore",
  "csatComment",
  "csatAt",
  "flags",
  "lastMessageId",
  "customerSeenAt",
  "customerLeftAt",
  "customerGoneAt",
  "customerReturnedAt",
  "idleRemindedAt",
] as const;
const MESSAGE_COLUMNS = ["id", "conversationId", "senderType", "senderId", "kind", "body", "clientId", "kbArticleId", "createdAt"] as const;
const EVENT_COLUMNS = [
  "id",
  "conversationId",
  "type",
  "actorId",
  "fromStatus",
  "toStatus",
  "fromUserId",
  "toUserId",
  "fromTeamId",
  "toTeamId",
  "detail",
  "at",
] as const;
const CONVERSATION_TAG_COLUMNS = ["conversationId", "tagId", "createdAt"] as const;

const date = (at: number | null) => (at === null ? null : new Date(at));

export class ConversationWriter {
  private readonly conversations: TableWriter<(typeof CONVERSATION_COLUMNS)[number]>;
  private readonly messages: TableWriter<(typeof MESSAGE_COLUMNS)[number]>;
  private readonly events: TableWriter<(typeof EVENT_COLUMNS)[number]>;
  private readonly tags: TableWriter<(typeof CONVERSATION_TAG_COLUMNS)[number]>;

  /** Registers the tables, parents first; call after the tables they reference are registered. */
  constructor(
    loader: BulkLoader,
    private readonly ids: IdAllocator,
    private readonly tagIds: ReadonlyMap<string, number>,
  ) {
    this.conversations = loader.table("Conversation", CONVERSATION_COLUMNS);
    this.messages = loader.table("Message", MESSAGE_COLUMNS);
    this.events = loader.table("ConversationEvent", EVENT_COLUMNS);
    this.tags = loader.table("ConversationTag", CONVERSATION_TAG_COLUMNS);
  }

  write(conversationId: number, draft: ConversationDraft): ConversationTimes {
    const times = deriveTimes(draft);
    const firstMessageId = this.ids.reserve("Message", draft.messages.length);
    const firstEventId = this.ids.reserve("ConversationEvent", draft.events.length);
    // the parent row goes first: a full message statement may be sent before this method returns
    this.conversations.add({
      id: conversationId,
      customerId: draft.customerId,
      channel: draft.channel,
      status: times.status,
      priority: draft.priority,
      teamId: draft.teamId,
      assigneeId: draft.assigneeId,
      category: draft.category,
      subject: draft.subject,
      resolutionCategory: draft.resolutionCategory,
      resolutionNote: null,
      botLowConfidenceCount: draft.botLowConfidenceCount,
      createdAt: date(times.createdAt),
      updatedAt: date(times.updatedAt),
      queuedAt: date(times.queuedAt),
      assignedAt: date(times.assignedAt),
      firstResponseAt: date(times.firstResponseAt),
      lastCustomerMessageAt: date(times.lastCustomerMessageAt),
      lastAgentMessageAt: date(times.lastAgentMessageAt),
      pausedAt: date(times.pausedAt),
      pausedSeconds: times.pausedSeconds,
      resolvedAt: date(times.resolvedAt),
      reopenedAt: null,
      csatSentAt: date(times.csatSentAt),
      csatScore: draft.csatScore,
      csatComment: draft.csatComment,
      csatAt: date(times.csatAt),
      flags: null,
      lastMessageId: draft.messages.length > 0 ? firstMessageId + draft.messages.length - 1 : null,
      customerSeenAt: date(draft.presence.customerSeenAt),
      customerLeftAt: date(draft.presence.customerLeftAt),
      customerGoneAt: date(draft.presence.customerGoneAt),
      customerReturnedAt: null,
      idleRemindedAt: date(draft.presence.idleRemindedAt),
    });
    draft.messages.forEach((message, i) => {
      this.messages.add({
        id: firstMessageId + i,
        conversationId,
        senderType: message.senderType,
        senderId: message.senderId,
        kind: message.kind,
        body: message.body,
        clientId: message.clientId,
        kbArticleId: message.kbArticleId,
        createdAt: new Date(message.at),
      });
    });
    draft.events.forEach((event, i) => {
      this.events.add({
        id: firstEventId + i,
        conversationId,
        type: event.type,
        actorId: event.actorId,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        fromUserId: event.fromUserId,
        toUserId: event.toUserId,
        fromTeamId: event.fromTeamId,
        toTeamId: event.toTeamId,
        detail: event.detail ? JSON.stringify(event.detail) : null,
        at: new Date(event.at),
      });
    });
    for (const tag of draft.tags) {
      const tagId = this.tagIds.get(tag);
      if (tagId !== undefined) this.tags.add({ conversationId, tagId, createdAt: new Date(times.updatedAt) });
    }
    return times;
  }
}
