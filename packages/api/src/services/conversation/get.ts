/** One conversation for the workspace, with the customer summary an agent may see (phone: last 4 digits only). */
import type { Db } from "@kefu/db/client";
import { assertCanView, handedOnBy } from "./access.ts";
import { canSupervise, type Actor } from "./actor.ts";

export async function getConversation(db: Db, actor: Actor, conversationId: number) {
  await assertCanView(db, actor, conversationId);
  const conversation = await db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: {
      id: true,
      status: true,
      channel: true,
      priority: true,
      category: true,
      subject: true,
      resolutionCategory: true,
      resolutionNote: true,
      createdAt: true,
      updatedAt: true,
      queuedAt: true,
      assignedAt: true,
      firstResponseAt: true,
      lastCustomerMessageAt: true,
      lastAgentMessageAt: true,
      pausedAt: true,
      pausedSeconds: true,
      resolvedAt: true,
      reopenedAt: true,
      csatSentAt: true,
      csatScore: true,
      csatComment: true,
      lastMessageId: true,
      customerReadMessageId: true,
      team: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true, employeeNo: true } },
      tags: { select: { tag: { select: { id: true, name: true, color: true } } } },
      reads: { where: { userId: actor.id }, select: { lastReadMessageId: true } },
      customer: {
        select: {
          id: true,
          name: true,
          level: true,
          phoneLast4: true,
          city: true,
          firstSeenAt: true,
          lastSeenAt: true,
          visitorNo: true,
          device: true,
          pageUrl: true,
          tags: { select: { tag: { select: { id: true, name: true, color: true } } } },
        },
      },
    },
  });
  const canAct = conversation.assignee?.id === actor.id || canSupervise(actor);
  const [pastConversations, handedOn] = await Promise.all([
    db.conversation.count({ where: { customerId: conversation.customer.id, id: { not: conversation.id } } }),
    canAct ? 0 : handedOnBy(db, actor.id, conversation.id),
  ]);
  const { tags, reads, customer, ...rest } = conversation;
  return {
    ...rest,
    tags: tags.map((t) => t.tag),
    lastReadMessageId: reads[0]?.lastReadMessageId ?? 0,
    customer: { ...customer, tags: customer.tags.map((t) => t.tag), pastConversations },
    /** the actor may reply, transfer, pause, resolve */
    canAct,
    /** the actor held it and handed it on (transfer, reply timeout): the pane says who has it now */
    handedOnByMe: handedOn > 0,
  };
}
