/**
 * Decides what each conversation will be (customer, channel, topic, team, outcome) and tells it.
 * Shared by the demo seed and the scale generator.
 */
import { buildConversation, lastInstant, shiftDraft, type BuildContext, type ConversationDraft, type Outcome } from "./conversations.ts";
import { channelFor, cityOf, levelOf, type CustomerActivity, type CustomerPlan } from "./customers.ts";
import type { OpenSlot } from "./live-floor.ts";
import { Random, WeightedPicker } from "./random.ts";
import type { TeamKey } from "./staff.ts";
import { SCRIPTS, type TopicScript } from "./texts.ts";
import { MINUTE, type ArrivalCurve } from "./time.ts";

const ALL_SCRIPTS = new WeightedPicker(SCRIPTS, (script) => script.weight);
const SCRIPTS_BY_TEAM = new Map<TeamKey, WeightedPicker<TopicScript>>(
  (["presales", "aftersales", "technical"] as const).map((key) => [
    key,
    new WeightedPicker(
      SCRIPTS.filter((s) => s.team === key),
      (s) => s.weight,
    ),
  ]),
);

/** Share of conversations that leave the queue before an agent picks them up, among those that reach it. */
const ABANDON_RATE = { NORMAL: 0.075, VIP: 0.03, SVIP: 0.02 } as const;
/** Historical conversations end at least this long before "now". */
const SETTLED_BEFORE_NOW = MINUTE;

export interface PlannedConversation {
  id: number;
  customerIndex: number;
  draft: ConversationDraft;
}

export interface HistorySource {
  context: BuildContext;
  customers: CustomerPlan;
  /** customer index per conversation, in arrival order */
  sequence: Int32Array;
  curve: ArrivalCurve;
  firstId: number;
  now: number;
}

/** The i-th historical conversation (chronological): every one ends RESOLVED or ABANDONED before now. */
export function historicalConversation(source: HistorySource, i: number): PlannedConversation {
  const id = source.firstId + i;
  const rng = Random.for("conversation", id);
  const customerIndex = source.sequence[i]!;
  const level = levelOf(source.customers, customerIndex);
  const script = ALL_SCRIPTS.pick(rng);
  const { routing } = source.context;
  const team = level !== "NORMAL" && rng.chance(0.85) ? routing.team("vip") : routing.team(script.team);
  const directToQueue = team.key === "vip" && rng.chance(0.6);
  const botRate = script.botResolveRate * (level === "NORMAL" ? 1.05 : 0.6);
  let outcome: Outcome = "RESOLVED";
  if (!directToQueue && rng.chance(botRate)) outcome = "BOT_RESOLVED";
  else if (rng.chance(ABANDON_RATE[level])) outcome = "ABANDONED";

  const draft = buildConversation(
    {
      rng,
      createdAt: source.curve.arrival(i, source.sequence.length, rng),
      customer: { id: source.customers.firstId + customerIndex, level, city: cityOf(source.customers.firstId + customerIndex).name },
      channel: channelFor(source.customers, customerIndex, rng),
      script,
      outcome,
      team: outcome === "BOT_RESOLVED" ? null : team,
      agent: null,
      directToQueue,
    },
    source.context,
  );
  // a long pause or a late survey answer must not run past now: move the whole story earlier
  const overrun = lastInstant(draft) - (source.now - SETTLED_BEFORE_NOW);
  if (overrun > 0) shiftDraft(draft, -overrun);
  return { id, customerIndex, draft };
}

/** A conversation that is still open now; its story is moved so that it stops exactly at now. */
export function openConversation(
  context: BuildContext,
  customers: CustomerPlan,
  slot: OpenSlot,
  customerIndex: number,
  seed: number,
  now: number,
): ConversationDraft {
  const rng = Random.for("open-conversation", seed);
  const level = levelOf(customers, customerIndex);
  const teamScripts = slot.team?.key && slot.team.key !== "vip" ? SCRIPTS_BY_TEAM.get(slot.team.key) : undefined;
  const script = (teamScripts ?? ALL_SCRIPTS).pick(rng);
  const draft = buildConversation(
    {
      rng,
      createdAt: now,
      customer: { id: customers.firstId + customerIndex, level, city: cityOf(customers.firstId + customerIndex).name },
      channel: channelFor(customers, customerIndex, rng),
      script,
      outcome: slot.outcome,
      team: slot.team,
      agent: slot.agent,
      directToQueue: slot.team?.key === "vip" && level !== "NORMAL" && rng.chance(0.6),
    },
    context,
  );
  shiftDraft(draft, now - draft.cursor);
  return draft;
}

/** Feeds a conversation into its customer's first/last seen times and counts. */
export function recordActivity(activity: CustomerActivity, customerIndex: number, draft: ConversationDraft): void {
  const createdAt = draft.events[0]?.at ?? draft.cursor;
  let lastCustomerMessage = createdAt;
  for (const message of draft.messages) if (message.senderType === "CUSTOMER") lastCustomerMessage = message.at;
  activity.record(customerIndex, draft.channel, createdAt, lastCustomerMessage, draft.category === "投诉建议");
}
