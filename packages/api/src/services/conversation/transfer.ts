/**
 * Transfer, by the assignee or a supervisor, with an optional note the next agent reads:
 * - to an agent, who must be ONLINE with a free slot: the conversation keeps its status (ACTIVE or PAUSED) with
 *   the new assignee — TRANSFERRED event; a supervisor may also assign a QUEUED conversation this way (ASSIGNED);
 * - to a team: back to the queue (ACTIVE/PAUSED → QUEUED) with TRANSFERRED and QUEUED events, then routing;
 *   a QUEUED conversation moves to the other team's queue keeping its place in time (queuedAt).
 * The previous assignee's slot is free afterwards, so routing runs in both cases.
 */
import type { Db } from "@kefu/db/client";
import { handoverInput } from "../../contracts/conversation.ts";
import { AppError, parseInput } from "../../errors.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { getSetting } from "../settings/index.ts";
import { assertTeamExists, enterQueue, snapshot, type ConversationSnapshot } from "./handoff.ts";
import { triggerRouting } from "./routing.ts";
import { assertCanAct, type Actor } from "./actor.ts";
import { lockAgent, unavailability } from "./capacity.ts";
import { lockConversation } from "./conversation-row.ts";
import { scheduleReplyTimeout, scheduleRouting } from "./scheduling.ts";
import { nextStatus } from "./state-machine.ts";
import { addEvent, appendMessage, appendSystemMessage } from "./timeline.ts";

export interface TransferInput {
  conversationId: number;
  /** the agent to hand over to */
  toUserId?: number;
  /** the team to hand over to (with toUserId: the agent's team the conversation now belongs to) */
  toTeamId?: number;
  note?: string;
}

function validate(input: TransferInput) {
  parseInput(handoverInput, { toUserId: input.toUserId, toTeamId: input.toTeamId, note: input.note });
}

export async function transferConversation(db: Db, actor: Actor, input: TransferInput): Promise<ConversationSnapshot> {
  validate(input);
  if (input.toTeamId !== undefined) await assertTeamExists(db, input.toTeamId, "toTeamId");
  const routing = await getSetting(db, "routing");
  const note = input.note?.trim() ? input.note.trim() : null;
  await runUnitOfWork(db, async (uow) => {
    const { tx } = uow;
    const conversation = await lockConversation(tx, input.conversationId);
    assertCanAct(actor, conversation);
    const at = new Date();
    const previous = conversation.assigneeId;
    if (note) {
      await appendMessage(uow, conversation, { senderType: "AGENT", senderId: actor.id, kind: "NOTE", body: note }, at);
    }

    if (input.toUserId !== undefined) {
      const to = nextStatus("transferToAgent", conversation.status);
      if (input.toUserId === previous) throw new AppError("INVALID_INPUT", { field: "toUserId" });
      const teamId = input.toTeamId ?? conversation.teamId;
      if (input.toTeamId !== undefined && !(await tx.teamMember.count({ where: { teamId: input.toTeamId, userId: input.toUserId } })))
        throw new AppError("INVALID_INPUT", { field: "toUserId" });
      const agent = await lockAgent(tx, input.toUserId);
      if (!agent) throw new AppError("NOT_FOUND", { field: "toUserId" });
      const refusal = unavailability(agent);
      if (refusal) throw refusal;

      const fromQueue = conversation.status === "QUEUED";
      await tx.conversation.update({
        where: { id: conversation.id },
        data: { status: to, assigneeId: agent.id, teamId, ...(fromQueue ? { assignedAt: at } : {}) },
      });
      const state = { id: conversation.id, status: to, assigneeId: agent.id, teamId };
      const eventId = await addEvent(
        uow,
        state,
        {
          type: fromQueue ? "ASSIGNED" : "TRANSFERRED",
          actorId: actor.id,
          fromStatus: conversation.status,
          toStatus: to,
          fromUserId: previous,
          toUserId: agent.id,
          fromTeamId: conversation.teamId,
          toTeamId: teamId,
          detail: { manual: true, ...(note ? { note } : {}) },
        },
        at,
      );
      const message = await appendSystemMessage(uow, state, fromQueue ? "conversation.assigned" : "conversation.transferred", at, {
        params: { agentName: agent.name, employeeNo: agent.employeeNo },
        unreadFor: agent.id,
      });
      if (to === "ACTIVE")
        await scheduleReplyTimeout(
          tx,
          { conversationId: conversation.id, assigneeId: agent.id, eventId, afterMessageId: message.id },
          teamId,
          routing.replyTimeoutSeconds,
          at,
        );
      return;
    }

    const teamId = input.toTeamId ?? null;
    const to = nextStatus("transferToTeam", conversation.status);
    const team = teamId ? await tx.team.findUnique({ where: { id: teamId }, select: { name: true } }) : null;
    if (!team) throw new AppError("NOT_FOUND", { field: "toTeamId" });
    const transferred = {
      type: "TRANSFERRED" as const,
      actorId: actor.id,
      fromStatus: conversation.status,
      toStatus: to,
      fromUserId: previous,
      fromTeamId: conversation.teamId,
      toTeamId: teamId,
      ...(note ? { detail: { note } } : {}),
    };
    if (conversation.status === "QUEUED") {
      await tx.conversation.update({ where: { id: conversation.id }, data: { teamId } });
      const eventId = await addEvent(uow, { id: conversation.id, status: to, assigneeId: null, teamId }, transferred, at);
      await scheduleRouting(tx, conversation.id, eventId, teamId, at);
      return;
    }
    // The QUEUED event written by enterQueue records the status change; TRANSFERRED records who moved it where.
    await addEvent(uow, conversation, { ...transferred, fromStatus: null, toStatus: null }, at);
    await enterQueue(
      uow,
      conversation,
      { teamId, actorId: actor.id, reason: "transfer", systemMessage: { key: "conversation.transferred", params: { teamName: team.name } } },
      at,
    );
  });

  await triggerRouting(db, {});
  return snapshot(db, input.conversationId);
}
