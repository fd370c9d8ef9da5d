/** Test fixtures for the conversation services: agents, teams and conversations in a chosen state, written directly. */
import type { ConversationStatus, Db, Presence } from "@kefu/db/client";
import type { Harness } from "../../test/harness.ts";
import type { SessionUser } from "../auth/sign-in.ts";

let sequence = 0;
const next = () => ++sequence;

export interface AgentOptions {
  teamIds?: number[];
  maxConcurrent?: number;
  presence?: Presence;
  role?: SessionUser["role"];
  presenceChangedAt?: Date;
}

/** A staff member without a usable password (these tests never sign in), ONLINE by default. */
export async function makeAgent(db: Db, options: AgentOptions = {}): Promise<SessionUser> {
  const n = next();
  const employeeNo = `CV${process.pid % 1000}${String(n).padStart(4, "0")}`;
  const user = await db.user.create({
    data: {
      employeeNo,
      name: `坐席${n}`,
      email: `${employeeNo.toLowerCase()}@conv.test`,
      role: options.role ?? "AGENT",
      passwordHash: "x",
      presence: options.presence ?? "ONLINE",
      presenceChangedAt: options.presenceChangedAt ?? new Date(),
      maxConcurrent: options.maxConcurrent ?? 5,
      teams: { create: (options.teamIds ?? []).map((teamId) => ({ teamId })) },
    },
  });
  return { id: user.id, name: user.name, employeeNo: user.employeeNo, role: user.role, sessionVersion: user.sessionVersion, locale: user.locale };
}

export async function makeTeam(db: Db, options: { replyTimeoutSeconds?: number; autoAssign?: boolean } = {}) {
  return db.team.create({ data: { name: `组${process.pid}-${next()}`, ...options }, select: { id: true, name: true } });
}

export async function makeCustomer(db: Db, options: { level?: "NORMAL" | "VIP" | "SVIP" } = {}) {
  return db.customer.create({ data: { name: `客户${next()}`, level: options.level ?? "NORMAL" }, select: { id: true } });
}

export interface ConversationOptions {
  status: ConversationStatus;
  teamId?: number | null;
  assigneeId?: number | null;
  priority?: number;
  queuedAt?: Date;
  customerId?: number;
  csatSentAt?: Date | null;
}

/** A conversation already in `status`, with its timestamps filled in as the services would have. */
export async function makeConversation(db: Db, options: ConversationOptions) {
  const customerId = options.customerId ?? (await makeCustomer(db)).id;
  const now = new Date();
  const status = options.status;
  const queued = status !== "BOT";
  const assigned = status === "ACTIVE" || status === "PAUSED" || (status === "RESOLVED" && !!options.assigneeId);
  return db.conversation.create({
    data: {
      customerId,
      channel: "WEB",
      status,
      priority: options.priority ?? 0,
      teamId: options.teamId ?? null,
      assigneeId: options.assigneeId ?? null,
      queuedAt: queued ? (options.queuedAt ?? now) : null,
      assignedAt: assigned ? now : null,
      pausedAt: status === "PAUSED" ? now : null,
      resolvedAt: status === "RESOLVED" ? now : null,
      resolutionCategory: status === "RESOLVED" ? "问题已解决" : null,
      csatSentAt: options.csatSentAt !== undefined ? options.csatSentAt : status === "RESOLVED" && options.assigneeId ? now : null,
    },
    select: { id: true, customerId: true },
  });
}

/** What a failed call must leave untouched. */
export async function footprint(db: Db, conversationId: number) {
  const [conversation, events, messages, jobs, reads] = await Promise.all([
    db.conversation.findUniqueOrThrow({ where: { id: conversationId } }),
    db.conversationEvent.count({ where: { conversationId } }),
    db.message.count({ where: { conversationId } }),
    db.job.count(),
    db.conversationRead.count({ where: { conversationId } }),
  ]);
  return { conversation, events, messages, jobs, reads };
}

/** Ends the state a test leaves behind that would leak into the next one through routing. */
export async function quiesce(h: Harness) {
  await h.db.user.updateMany({ data: { presence: "OFFLINE" } });
  await h.db.conversation.updateMany({ where: { status: "QUEUED" }, data: { status: "ABANDONED" } });
}

export function eventTypes(db: Db, conversationId: number) {
  return db.conversationEvent.findMany({ where: { conversationId }, orderBy: { id: "asc" }, select: { type: true } }).then((rows) => rows.map((r) => r.type));
}
