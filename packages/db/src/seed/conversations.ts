/**
 * One conversation as it would have happened: the messages and the ConversationEvent rows of its
 * path through the state machine:
 *
 *   BOT ─(BOT_HANDOFF marker) QUEUED─▶ QUEUED ─ASSIGNED─▶ ACTIVE ⇄ PAUSED ─RESOLVED─▶ RESOLVED
 *    │   (or QUEUED when the auto-reply strategy sends a VIP straight to the queue)
 *    ├─RESOLVED─▶ RESOLVED (the bot answered)         QUEUED ─ABANDONED─▶ ABANDONED
 *
 * Only messages and events are generated; every timestamp column of the Conversation row is then
 * derived from them (`deriveTimes`), so the row can never disagree with its events.
 */
import type { Channel, ConversationEventType, ConversationStatus, CustomerLevel, MessageKind, SenderType } from "../../generated/prisma/enums.ts";
import type { Random } from "./random.ts";
import type { AgentRef, ArticleIndex, ArticleRef, Routing, TeamRef } from "./routing.ts";
import { DEMO_DEFAULT_TEAM } from "./routing-rules.ts";
import { ConversationFacts, LINES, type Case, type TopicScript } from "./texts.ts";
import { ArrivalCurve, SECOND } from "./time.ts";

export type Outcome = "BOT_RESOLVED" | "RESOLVED" | "ABANDONED" | "OPEN_BOT" | "OPEN_QUEUED" | "OPEN_ACTIVE" | "OPEN_PAUSED";

export interface ConversationPlan {
  rng: Random;
  createdAt: number;
  customer: { id: number; level: CustomerLevel; city: string | null };
  channel: Channel;
  script: TopicScript;
  outcome: Outcome;
  /** the team the conversation is queued for (human outcomes) */
  team: TeamRef | null;
  /** set for open conversations, whose agent is chosen by the live-floor plan */
  agent: AgentRef | null;
  /** the auto-reply strategy skips the bot (VIP customers) */
  directToQueue: boolean;
}

export interface MessageDraft {
  senderType: SenderType;
  senderId: number | null;
  kind: MessageKind;
  body: string;
  clientId: string | null;
  kbArticleId: number | null;
  at: number;
}

export interface EventDraft {
  type: ConversationEventType;
  actorId: number | null;
  fromStatus: ConversationStatus | null;
  toStatus: ConversationStatus | null;
  fromUserId: number | null;
  toUserId: number | null;
  fromTeamId: number | null;
  toTeamId: number | null;
  detail: Record<string, unknown> | null;
  at: number;
}

export interface ConversationDraft {
  customerId: number;
  channel: Channel;
  priority: number;
  category: string;
  subject: string;
  teamId: number | null;
  assigneeId: number | null;
  resolutionCategory: string | null;
  botLowConfidenceCount: number;
  csatScore: number | null;
  csatComment: string | null;
  tags: string[];
  messages: MessageDraft[];
  events: EventDraft[];
  /** "now" for an open conversation: the instant the story stops */
  cursor: number;
  /** the widget's presence and the idle reminder, as services/conversation/customer-presence.ts and idle-close.ts write them */
  presence: PresenceDraft;
}

export interface PresenceDraft {
  customerSeenAt: number | null;
  customerLeftAt: number | null;
  customerGoneAt: number | null;
  idleRemindedAt: number | null;
}

export interface BuildContext {
  routing: Routing;
  articles: ArticleIndex;
}

const PRIORITY: Record<CustomerLevel, number> = { NORMAL: 0, VIP: 1, SVIP: 2 };
const BOT_RESOLUTION = "机器人已解答";
/** the defaults of the `conversation.idle` setting (访客无响应提醒 / 自动结束) */
const IDLE = {
  reminderMinutes: 5,
  reminderMessage: "您好，请问还在吗？如果还有其他问题，请直接回复我们。",
  autoEndMinutes: 5,
  autoEndMessage: "由于您长时间未回复，本次会话已自动结束。如需帮助，欢迎随时再次咨询。",
  autoEndCategory: "访客无响应自动结束",
  /** the end without the survey invitation: an idle end sends none */
  endedNotice: "本次会话已结束，感谢您的咨询！",
};
/** the widget's goodbye counts after this grace, and the worker's sweep runs every 15 s */
const LEAVE_GRACE_SECONDS = 15;

export function buildConversation(plan: ConversationPlan, context: BuildContext): ConversationDraft {
  return new ConversationStory(plan, context).tell();
}

class ConversationStory {
  private at: number;
  private readonly rng: Random;
  private readonly facts: ConversationFacts;
  private readonly draft: ConversationDraft;
  private readonly case: Case;
  private team: TeamRef | null;
  private agent: AgentRef | null = null;
  private pausedAt: number | null = null;

  constructor(
    private readonly plan: ConversationPlan,
    private readonly context: BuildContext,
  ) {
    this.rng = plan.rng;
    this.at = plan.createdAt;
    this.team = plan.team;
    this.facts = new ConversationFacts(plan.rng, plan.createdAt, plan.customer.city, plan.customer.level);
    this.case = this.rng.pick(plan.script.cases);
    this.draft = {
      customerId: plan.customer.id,
      channel: plan.channel,
      priority: PRIORITY[plan.customer.level],
      category: plan.script.category,
      subject: this.case.subject,
      teamId: null,
      assigneeId: null,
      resolutionCategory: null,
      botLowConfidenceCount: 0,
      csatScore: null,
      csatComment: null,
      tags: [],
      messages: [],
      events: [],
      cursor: plan.createdAt,
      presence: { customerSeenAt: null, customerLeftAt: null, customerGoneAt: null, idleRemindedAt: null },
    };
    this.customerSays(this.facts.fill(this.case.question));
    this.event("CREATED", null, "BOT", { detail: { channel: plan.channel } });
  }

  tell(): ConversationDraft {
    this.story();
    this.draft.cursor = this.at;
    this.draft.teamId = this.team?.id ?? null;
    this.draft.assigneeId = this.agent?.id ?? null;
    return this.draft;
  }

  private story(): void {
    const { outcome } = this.plan;
    if (this.plan.directToQueue) {
      this.wait(1, 2);
      this.event("QUEUED", "BOT", "QUEUED", { toTeamId: this.requireTeam().id, detail: { reason: "priority_customer", routing: this.routingDecision() } });
      this.systemSays(this.facts.fill(LINES.priorityNotice));
    } else {
      this.botAnswersFirstQuestion();
      if (outcome === "OPEN_BOT") {
        if (this.draft.botLowConfidenceCount > 0 && this.rng.chance(0.6)) {
          this.wait(10, 50);
          this.customerSays(this.rephrase());
        }
        this.wait(5, 60);
        return;
      }
      if (outcome === "BOT_RESOLVED") return this.botResolves();
      this.handOff();
    }

    if (outcome === "OPEN_QUEUED") return this.waitInQueue(this.rng.between(10, 8 * 60));
    const waitSeconds = queueWaitSeconds(this.rng, this.plan.customer.level, this.at);
    if (outcome === "ABANDONED") return this.abandon();
    this.wait(waitSeconds, waitSeconds);
    this.assign();
    if (outcome === "OPEN_ACTIVE" && this.rng.chance(0.2)) {
      // just assigned: the agent has not replied yet
      this.wait(5, 40);
      return;
    }
    this.converse();
  }

  /** The bot finds the right article most of the time; when it only finds a related one it is less sure. */
  private botAnswersFirstQuestion(): void {
    this.wait(1, 3);
    const found = this.context.articles.find(this.case.article, this.plan.script.topic, this.rng);
    const confident = this.plan.outcome === "BOT_RESOLVED" || this.rng.chance(found?.exact ? 0.7 : 0.35);
    if (found && confident) this.botQuotes(found.article);
    else this.botDoesNotUnderstand();
  }

  private botQuotes(article: ArticleRef): void {
    this.push("BOT", null, "TEXT", `为您找到以下说明：\n【${article.title}】${article.summary}\n${LINES.botFollowUp}`, article.id);
  }

  private botDoesNotUnderstand(): void {
    const lines = LINES.botNotUnderstood;
    this.push("BOT", null, "TEXT", lines[(this.draft.botLowConfidenceCount + this.case.subject.length) % lines.length]!, null);
    this.draft.botLowConfidenceCount++;
  }

  private botResolves(): void {
    const cases = this.plan.script.cases;
    if (cases.length > 1 && this.rng.chance(0.3)) {
      // a second, related question the bot can also answer
      const next = cases[(cases.indexOf(this.case) + this.rng.int(1, cases.length - 1)) % cases.length]!;
      const found = this.context.articles.find(next.article, this.plan.script.topic, this.rng);
      if (found) {
        this.wait(15, 90);
        this.customerSays(`还想问一下，${this.facts.fill(next.question)}`);
        this.wait(1, 3);
        this.botQuotes(found.article);
      }
    }
    this.wait(10, 90);
    this.customerSays(this.rng.pick(LINES.customerThanksBot));
    this.wait(1, 3);
    this.push("BOT", null, "TEXT", this.rng.pick(LINES.botClosings), null);
    // the widget closes an idle bot conversation after a couple of minutes
    this.wait(60, 180);
    this.draft.resolutionCategory = BOT_RESOLUTION;
    this.event("RESOLVED", "BOT", "RESOLVED", { detail: { resolvedBy: "bot" } });
  }

  private handOff(): void {
    let reason = "customer_request";
    if (this.draft.botLowConfidenceCount === 1 && this.rng.chance(0.5)) {
      // the bot hands off by itself after failing twice
      this.wait(15, 60);
      this.customerSays(this.rephrase());
      this.wait(1, 3);
      this.botDoesNotUnderstand();
      reason = "low_confidence";
    } else {
      this.wait(15, 90);
      this.customerSays(this.rng.pick(LINES.handoffRequests));
    }
    this.wait(1, 2);
    // The decision, then the status change: one event per status change, as the services write them.
    const routing = this.routingDecision();
    this.event("BOT_HANDOFF", null, null, { toTeamId: this.requireTeam().id, detail: { reason, routing } });
    this.event("QUEUED", "BOT", "QUEUED", { toTeamId: this.requireTeam().id, detail: { reason, routing } });
    this.systemSays(this.facts.fill(LINES.handoffNotice));
  }

  private waitInQueue(seconds: number): void {
    if (seconds > 150) {
      this.wait(seconds * 0.6, seconds * 0.6);
      this.customerSays(this.rng.pick(LINES.queueImpatience));
      this.wait(seconds * 0.4, seconds * 0.4);
    } else {
      this.wait(seconds, seconds);
    }
  }

  private abandon(): void {
    const waited = this.rng.between(60, 600);
    this.waitInQueue(waited);
    if (this.draft.channel === "WEB" && this.rng.chance(0.5)) return this.closePageInQueue(waited);
    this.event("ABANDONED", "QUEUED", "ABANDONED", { fromTeamId: this.requireTeam().id, detail: { waitedSeconds: Math.round(waited) } });
    this.systemSays(LINES.abandonedNotice);
  }

  /** The customer closed the widget while queued: the worker abandons the conversation once the goodbye's grace is over. */
  private closePageInQueue(waited: number): void {
    const leftAt = this.at;
    this.draft.presence.customerSeenAt = leftAt;
    this.draft.presence.customerLeftAt = leftAt;
    this.wait(LEAVE_GRACE_SECONDS, LEAVE_GRACE_SECONDS + 15);
    this.draft.presence.customerGoneAt = this.at;
    const waitedSeconds = Math.round(waited + (this.at - leftAt) / SECOND);
    this.event("ABANDONED", "QUEUED", "ABANDONED", { fromTeamId: this.requireTeam().id, detail: { waitedSeconds, reason: "customer_left" } });
    this.systemSays(LINES.abandonedNotice);
  }

  private assign(): void {
    const team = this.requireTeam();
    this.agent = this.plan.agent ?? this.context.routing.pickAgent(team, this.at, this.rng);
    this.event("ASSIGNED", "QUEUED", "ACTIVE", { toUserId: this.agent.id, toTeamId: team.id });
    this.systemSays(this.facts.fill(LINES.assignedNotice, { agent: this.agent.name, agentNo: this.agent.employeeNo }));
  }

  private converse(): void {
    const { outcome, script } = this.plan;
    const open = outcome === "OPEN_ACTIVE" || outcome === "OPEN_PAUSED";
    // some questions need checking with another department first: the agent pauses, then answers
    const checkFirst = outcome === "OPEN_PAUSED" || (!open && this.rng.chance(0.12));

    const transfer = !open && !checkFirst && this.rng.chance(0.08);

    this.wait(5, 45);
    if (checkFirst || transfer || this.rng.chance(0.55)) {
      this.agentSays(this.facts.fill(this.rng.pick(LINES.agentGreetings), { agent: this.requireAgent().name }));
      this.wait(20, 90);
    }
    if (transfer) this.transfer();
    if (checkFirst) {
      this.pause();
      if (outcome === "OPEN_PAUSED") return;
      this.resume();
    } else {
      this.agentSays(this.facts.fill(this.case.answer));
    }

    const exchanges = this.case.exchanges;
    const rounds = open ? this.rng.int(0, exchanges.length) : this.rng.int(1, exchanges.length);
    const noteRound = this.rng.chance(0.18) ? this.rng.int(0, Math.max(rounds - 1, 0)) : -1;
    for (let round = 0; round < rounds; round++) {
      const [customerLine, agentLine] = exchanges[round]!;
      this.wait(20, 150);
      this.customerSays(this.facts.fill(customerLine));
      if (outcome === "OPEN_ACTIVE" && round === rounds - 1 && this.rng.chance(0.4)) {
        // the customer's latest message is still waiting for a reply
        this.wait(5, 90);
        return;
      }
      this.wait(15, 120);
      this.agentSays(this.facts.fill(agentLine));
      if (round === noteRound) {
        this.wait(2, 20);
        this.agentNotes(this.facts.fill(this.rng.pick(script.notes)));
      }
    }
    if (open) {
      this.wait(10, 120);
      if (outcome === "OPEN_ACTIVE" && this.draft.channel === "WEB" && this.rng.chance(0.25)) this.closePageWhileServed();
      return;
    }
    if (this.rng.chance(0.06)) return this.endIdle();
    this.close();
  }

  /** The customer closed the widget after the agent's answer: the agent is told (an internal line). */
  private closePageWhileServed(): void {
    const leftAt = this.at;
    this.draft.presence.customerSeenAt = leftAt;
    this.draft.presence.customerLeftAt = leftAt;
    this.wait(LEAVE_GRACE_SECONDS, LEAVE_GRACE_SECONDS + 15);
    this.draft.presence.customerGoneAt = this.at;
    this.push("SYSTEM", null, "NOTE", JSON.stringify({ key: "customer.left" }), null);
  }

  /** The customer never answered the agent's last message: reminded once, then the conversation ended itself. */
  private endIdle(): void {
    const agent = this.requireAgent();
    const silentFrom = this.at;
    this.wait(IDLE.reminderMinutes * 60 + 1, IDLE.reminderMinutes * 60 + 15);
    this.push("BOT", null, "TEXT", IDLE.reminderMessage, null);
    this.draft.presence.idleRemindedAt = this.at;
    this.wait(IDLE.autoEndMinutes * 60 + 1, IDLE.autoEndMinutes * 60 + 15);
    this.push("BOT", null, "TEXT", IDLE.autoEndMessage, null);
    this.draft.resolutionCategory = IDLE.autoEndCategory;
    const silentSeconds = Math.round((this.at - silentFrom) / SECOND);
    this.event("RESOLVED", "ACTIVE", "RESOLVED", {
      fromUserId: agent.id,
      detail: { closedBy: "idle", resolutionCategory: IDLE.autoEndCategory, silentSeconds },
    });
    this.systemSays(IDLE.endedNotice);
  }

  private transfer(): void {
    const from = this.requireAgent();
    const fromTeam = this.requireTeam();
    const target = this.context.routing.transferTarget(from, fromTeam, this.plan.script.team, this.at, this.rng);
    const sameTeam = target.team === fromTeam;
    this.agentSays(this.facts.fill(sameTeam ? LINES.agentTransferColleague : LINES.agentTransferOut, { team: target.team.name, agent: target.agent.name }));
    const note = this.facts.fill(this.rng.pick(LINES.transferNotes), { subject: this.case.subject });
    this.wait(2, 10);
    this.agentNotes(note);
    this.wait(1, 2);
    this.event("TRANSFERRED", "ACTIVE", "ACTIVE", {
      actorId: from.id,
      fromUserId: from.id,
      toUserId: target.agent.id,
      fromTeamId: fromTeam.id,
      toTeamId: target.team.id,
      detail: { manual: true, note },
    });
    this.systemSays(this.facts.fill(LINES.transferNotice, { team: target.team.name, agent: target.agent.name }));
    this.agent = target.agent;
    this.team = target.team;
    this.wait(10, 90);
    this.agentSays(this.facts.fill(LINES.agentTransferIn, { agent: target.agent.name }));
    this.wait(20, 90);
  }

  private rephrase(): string {
    return this.facts.fill(this.rng.pick(LINES.rephrasings), { subject: this.case.subject });
  }

  private pause(): void {
    this.agentSays(this.rng.pick(LINES.pauseLines));
    this.wait(1, 3);
    this.event("PAUSED", "ACTIVE", "PAUSED", { actorId: this.requireAgent().id });
    this.pausedAt = this.at;
    if (this.plan.outcome === "OPEN_PAUSED") this.wait(2 * 60, 50 * 60);
  }

  private resume(): void {
    if (this.rng.chance(0.5)) this.addTag("需回访");
    const pausedMinutes = Math.min(Math.max(this.rng.exponential(45), 3), 6 * 60);
    this.wait(pausedMinutes * 60, pausedMinutes * 60);
    const pausedSeconds = this.pausedAt === null ? 0 : Math.round((this.at - this.pausedAt) / SECOND);
    this.event("RESUMED", "PAUSED", "ACTIVE", { actorId: this.requireAgent().id, detail: { pausedSeconds } });
    this.wait(2, 15);
    this.agentSays(`${this.rng.pick(LINES.resumeLines)}${this.facts.fill(this.case.answer)}`);
  }

  private close(): void {
    const agent = this.requireAgent();
    this.wait(20, 120);
    this.customerSays(this.rng.pick(LINES.customerThanks));
    this.wait(10, 60);
    this.agentSays(this.rng.pick(LINES.agentClosings));
    this.wait(5, 40);
    this.draft.resolutionCategory = this.rng.pick(this.plan.script.resolutionCategories);
    this.event("RESOLVED", "ACTIVE", "RESOLVED", { actorId: agent.id, fromUserId: agent.id, detail: { resolutionCategory: this.draft.resolutionCategory } });
    this.systemSays(LINES.resolvedNotice);
    for (const [tag, probability] of this.plan.script.tags) if (this.rng.chance(probability)) this.addTag(tag);
    if (this.draft.priority >= 2 && this.rng.chance(0.5)) this.addTag("加急");
    if (this.rng.chance(0.4)) this.answerSurvey();
  }

  private answerSurvey(): void {
    this.wait(10, 20 * 60);
    const score = this.rng.weighted([5, 4, 3, 2, 1], (s) => ({ 5: 55, 4: 25, 3: 10, 2: 5, 1: 5 })[s] ?? 0);
    const comment = this.rng.chance(0.6) ? this.rng.pick(LINES.csatComments[score] ?? []) : null;
    this.draft.csatScore = score;
    this.draft.csatComment = comment;
    this.event("CSAT", null, null, { fromUserId: this.requireAgent().id, detail: comment ? { score, comment } : { score } });
  }

  // ───── building blocks ─────

  /** Waits whole seconds, so paused and waiting intervals are exact in seconds. */
  private wait(minSeconds: number, maxSeconds: number): void {
    this.at += Math.round(this.rng.between(minSeconds, maxSeconds)) * SECOND;
  }

  private push(senderType: SenderType, senderId: number | null, kind: MessageKind, body: string, kbArticleId: number | null): void {
    const clientId = senderType === "CUSTOMER" ? this.rng.uuid() : null;
    this.draft.messages.push({ senderType, senderId, kind, body, clientId, kbArticleId, at: this.at });
  }

  private customerSays(body: string): void {
    this.push("CUSTOMER", null, "TEXT", body, null);
  }

  private agentSays(body: string): void {
    this.push("AGENT", this.requireAgent().id, "TEXT", body, null);
  }

  private agentNotes(body: string): void {
    this.push("AGENT", this.requireAgent().id, "NOTE", body, null);
  }

  private systemSays(body: string): void {
    this.push("SYSTEM", null, "EVENT", body, null);
  }

  private event(
    type: ConversationEventType,
    fromStatus: ConversationStatus | null,
    toStatus: ConversationStatus | null,
    fields: Partial<Pick<EventDraft, "actorId" | "fromUserId" | "toUserId" | "fromTeamId" | "toTeamId" | "detail">> = {},
  ): void {
    this.draft.events.push({
      type,
      actorId: fields.actorId ?? null,
      fromStatus,
      toStatus,
      fromUserId: fields.fromUserId ?? null,
      toUserId: fields.toUserId ?? null,
      fromTeamId: fields.fromTeamId ?? null,
      toTeamId: fields.toTeamId ?? null,
      detail: fields.detail ?? null,
      at: this.at,
    });
  }

  private addTag(tag: string): void {
    if (!this.draft.tags.includes(tag)) this.draft.tags.push(tag);
  }

  /**
   * Why the hand-off went to this team, as services/routing records it: the demo's default team takes what no rule
   * claims; the other teams' conversations came in through pages that serve that team (an entry team).
   */
  private routingDecision(): { by: "default" | "entry" } {
    return { by: this.requireTeam().key === DEMO_DEFAULT_TEAM ? "default" : "entry" };
  }

  private requireTeam(): TeamRef {
    if (!this.team) throw new Error("A conversation that reaches the queue needs a team");
    return this.team;
  }

  private requireAgent(): AgentRef {
    if (!this.agent) throw new Error("An agent must be assigned first");
    return this.agent;
  }
}

/** Queue wait: short for VIPs, longer at peak hours, with the occasional backlog. */
function queueWaitSeconds(rng: Random, level: CustomerLevel, at: number): number {
  const load = ArrivalCurve.loadAt(at);
  const mean = level === "NORMAL" ? 20 + 55 * load : 8 + 10 * load;
  let wait = rng.exponential(mean);
  if (level === "NORMAL" && rng.chance(0.04)) wait += rng.between(2 * 60, 10 * 60);
  return Math.max(3, wait);
}

/** Moves a whole story in time, e.g. to end an open conversation at "now". */
export function shiftDraft(draft: ConversationDraft, delta: number): void {
  if (delta === 0) return;
  for (const message of draft.messages) message.at += delta;
  for (const event of draft.events) event.at += delta;
  draft.cursor += delta;
  const presence = draft.presence;
  for (const key of ["customerSeenAt", "customerLeftAt", "customerGoneAt", "idleRemindedAt"] as const) {
    const at = presence[key];
    if (at !== null) presence[key] = at + delta;
  }
}

export function lastInstant(draft: ConversationDraft): number {
  const lastMessage = draft.messages[draft.messages.length - 1]?.at ?? 0;
  const lastEvent = draft.events[draft.events.length - 1]?.at ?? 0;
  return Math.max(lastMessage, lastEvent);
}

export interface ConversationTimes {
  status: ConversationStatus;
  createdAt: number;
  updatedAt: number;
  queuedAt: number | null;
  assignedAt: number | null;
  firstResponseAt: number | null;
  lastCustomerMessageAt: number | null;
  lastAgentMessageAt: number | null;
  pausedAt: number | null;
  pausedSeconds: number;
  resolvedAt: number | null;
  csatSentAt: number | null;
  csatAt: number | null;
}

/** The Conversation row's state and timestamps, read off its events and messages. */
export function deriveTimes(draft: ConversationDraft): ConversationTimes {
  const times: ConversationTimes = {
    status: "BOT",
    createdAt: draft.events[0]?.at ?? draft.messages[0]?.at ?? 0,
    updatedAt: lastInstant(draft),
    queuedAt: null,
    assignedAt: null,
    firstResponseAt: null,
    lastCustomerMessageAt: null,
    lastAgentMessageAt: null,
    pausedAt: null,
    pausedSeconds: 0,
    resolvedAt: null,
    csatSentAt: null,
    csatAt: null,
  };
  let pausedSince: number | null = null;
  let pausedMs = 0;
  for (const event of draft.events) {
    if (event.toStatus) times.status = event.toStatus;
    switch (event.type) {
      case "BOT_HANDOFF":
      case "QUEUED":
        times.queuedAt ??= event.at;
        break;
      case "ASSIGNED":
        times.assignedAt ??= event.at;
        break;
      case "PAUSED":
        pausedSince = event.at;
        break;
      case "RESUMED":
        if (pausedSince !== null) pausedMs += event.at - pausedSince;
        pausedSince = null;
        break;
      case "RESOLVED":
        times.resolvedAt = event.at;
        // a survey goes out when a person ends the conversation
        if (event.actorId !== null) times.csatSentAt = event.at;
        break;
      case "CSAT":
        times.csatAt = event.at;
        break;
      default:
        break;
    }
  }
  times.pausedSeconds = Math.round(pausedMs / SECOND);
  times.pausedAt = times.status === "PAUSED" ? pausedSince : null;
  for (const message of draft.messages) {
    if (message.senderType === "CUSTOMER") times.lastCustomerMessageAt = message.at;
    if (message.senderType === "AGENT" && message.kind === "TEXT") {
      times.firstResponseAt ??= message.at;
      times.lastAgentMessageAt = message.at;
    }
  }
  return times;
}
