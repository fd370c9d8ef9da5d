/**
 * Transfer (DESIGN §3.4), by the assignee or a supervisor, with an optional note the next agent reads:
 * - to an agent, who must be ONLINE with a free slot: the conversation keeps its status (ACTIVE or PAUSED) with
 *   the new assignee — TRANSFERRED event; a supervisor may also assign a QUEUED conversation this way (ASSIGNED);
 * - to a team: back to the queue (ACTIVE/PAUSED → QUEUED) with TRANSFERRED and QUEUED events, then routing;
 *   a QUEUED conversation moves to the other team's queue keeping its place in time (queuedAt).
 * The previous assignee's slot is free afterwards, so routing runs in both cases.
 */
import type { Db } from "@kefu/db/client";
import { AppError } from "../../errors.ts";
import { conversationEvents, publishAll, type Publication } from "../../realtime/conversation-events.ts";
import { getSetting } from "../settings/index.ts";
import { assertTeamExists, enterQueue, snapshot, type ConversationSnapshot } from "./handoff.ts";
import { NOTE_MAX } from "./reply.ts";
import { triggerRouting } from "./routing.ts";
import {
  addEvent,
  appendMessage,
  appendSystemMessage,
  assertCanAct,
  lockAgent,
  lockConversation,
  queueChangedFor,
  runTx,
  scheduleReplyTimeout,
  scheduleRouting,
  unavailability,
  type Actor,
} from "./shared.ts";
import { nextStatus } from "./state-machine.ts";

export interface TransferInput {
  conversationId: number;
  /** the agent to hand over to */
  toUserId?: number;
  /** the team to hand over to (with toUserId: the agent's team the conversation now belongs to) */
  toTeamId?: number;
  note?: string;
}

function validate(input: TransferInput) {
  if (input.toUserId === undefined && input.toTeamId === undefined) throw new AppError("INVALID_INPUT", { field: "toUserId" });
  if (input.note !== undefined && (typeof input.note !== "string" || input.note.length > NOTE_MAX)) throw new AppError("INVALID_INPUT", { field: "note", params: { max: NOTE_MAX } });
}

export async function transferConversation(db: Db, actor: Actor, input: TransferInput): Promise<ConversationSnapshot> {
  validate(input);
  if (input.toTeamId !== undefined) await assertTeamExists(db, input.toTeamId, "toTeamId");
  const routing = await getSetting(db, "routing");
  const note = input.note?.trim() ? input.note.trim() : null;
  let publications: Publication[] = [];
  const touchedTeams = new Set<number | null>();

  await runTx(db, async (tx) => {
    publications = [];
    touchedTeams.clear();
    const conversation = await lockConversation(tx, input.conversationId);
    assertCanAct(actor, conversation);
    const at = new Date();
    const previous = conversation.assigneeId;
    if (note) {
      const noteMessage = await appendMessage(tx, conversation.id, { senderType: "AGENT", senderId: actor.id, kind: "NOTE", body: note }, at);
      publications.push(conversationEvents.messageCreated(noteMessage, null));
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
      const eventId = await addEvent(
        tx,
        conversation.id,
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
      const message = await appendSystemMessage(tx, conversation.id, fromQueue ? "conversation.assigned" : "conversation.transferred", at, { agentName: agent.name, employeeNo: agent.employeeNo });
      if (to === "ACTIVE")
        await scheduleReplyTimeout(tx, { conversationId: conversation.id, assigneeId: agent.id, eventId, afterMessageId: message.id }, teamId, routing.replyTimeoutSeconds, at);
      const state = { id: conversation.id, status: to, assigneeId: agent.id, teamId };
      publications.push(
        conversationEvents.conversationUpdated(state),
        conversationEvents.conversationAssigned(agent.id, state),
        ...(previous ? [conversationEvents.conversationUnassigned(previous, conversation.id)] : []),
        conversationEvents.messageCreated(message, agent.id),
      );
      if (fromQueue) touchedTeams.add(conversation.teamId);
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
    touchedTeams.add(conversation.teamId).add(teamId);
    if (conversation.status === "QUEUED") {
      await tx.conversation.update({ where: { id: conversation.id }, data: { teamId } });
      const eventId = await addEvent(tx, conversation.id, transferred, at);
      await scheduleRouting(tx, conversation.id, eventId, teamId, at);
      publications.push(conversationEvents.conversationUpdated({ id: conversation.id, status: to, assigneeId: null, teamId }));
      return;
    }
    // The QUEUED event written by enterQueue records the status change; TRANSFERRED records who moved it where.
    await addEvent(tx, conversation.id, { ...transferred, fromStatus: null, toStatus: null }, at);
    const { message } = await enterQueue(
      tx,
      conversation,
      { teamId, actorId: actor.id, reason: "transfer", systemMessage: { key: "conversation.transferred", params: { teamName: team.name } } },
      at,
    );
    publications.push(
      conversationEvents.conversationUpdated({ id: conversation.id, status: to, assigneeId: null, teamId }),
      ...(previous ? [conversationEvents.conversationUnassigned(previous, conversation.id)] : []),
      conversationEvents.messageCreated(message, null),
    );
  });

  await publishAll([...publications, ...(await queueChangedFor(db, touchedTeams))]);
  await triggerRouting(db, {});
  return snapshot(db, input.conversationId);
}
