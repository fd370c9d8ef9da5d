/**
 * The demo data set: staff and teams, the help centre, 2,000 customers and 20,000 conversations
 * over the last 90 days with a live floor "now", and quality reviews. Deterministic for a given
 * `now` on an empty database.
 */
import { fieldKeysFromEnv } from "../env.ts";
import { hashPassword } from "../password.ts";
import { BulkLoader, IdAllocator, openSeedConnection } from "./bulk-insert.ts";
import { historicalConversation, openConversation, recordActivity, type PlannedConversation } from "./conversation-plans.ts";
import { ConversationWriter } from "./conversation-rows.ts";
import type { BuildContext } from "./conversations.ts";
import { writeCustomerProfiles } from "./customer-profiles.ts";
import { writeCustomerOwnersAndSegments } from "./customer-segments.ts";
import { writeCustomerData } from "./customer-data.ts";
import { CustomerActivity, customerSequence, CustomerWriter, levelOf, planCustomers, type CustomerPlan } from "./customers.ts";
import { ID_TABLES, userExists } from "./database.ts";
import { availabilityFrom, DEFAULT_OPEN_TARGETS, planOpenSlots, planPresence, type OpenSlot, type OpenTargets } from "./live-floor.ts";
import { ARTICLE_COUNT, countBotAnswers, rateBotAnswers } from "./knowledge.ts";
import { writeQuality, type ReviewCandidate } from "./quality.ts";
import { Random } from "./random.ts";
import { allocateStaff, writeCannedReplies, writeKnowledge, writePresenceIntervals, writeStaff, writeTags, writeTeams } from "./reference-data.ts";
import { Routing } from "./routing.ts";
import { writeRoutingRules } from "./routing-rules.ts";
import { DEMO_PASSWORD } from "./staff.ts";
import { ArrivalCurve, MINUTE } from "./time.ts";
import type { SeedSummary } from "./summary.ts";
import { writeDemoTickets } from "./tickets.ts";
import { writeDemoWebhook } from "./webhooks.ts";

export interface DemoOptions {
  conversations?: number;
  customers?: number;
  /** help-centre articles, at most 150 (taken evenly across topics) */
  articles?: number;
  log?: (line: string) => void;
  now?: Date;
}

export const DEMO_DEFAULTS = { conversations: 20_000, customers: 2_000, articles: ARTICLE_COUNT } as const;
const HISTORY_DAYS = 90;
const MAX_QA_REVIEWS = 300;

export async function seedDemo(url: string, options: DemoOptions = {}): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const now = (options.now ?? new Date()).getTime();
  const conversationCount = positiveInteger(options.conversations ?? DEMO_DEFAULTS.conversations, "conversations");
  const customerCount = positiveInteger(options.customers ?? DEMO_DEFAULTS.customers, "customers");
  const articleCount = positiveInteger(options.articles ?? DEMO_DEFAULTS.articles, "articles");
  if (articleCount > ARTICLE_COUNT) throw new Error(`articles must be at most ${ARTICLE_COUNT}, got ${articleCount}`);
  const keys = fieldKeysFromEnv();

  const connection = await openSeedConnection(url);
  try {
    if (await userExists(connection)) {
      throw new Error("The database already has staff: seedDemo fills an empty database. Call resetData(url) first (pnpm db:seed --reset).");
    }
    const ids = await IdAllocator.load(connection, ID_TABLES);
    const loader = new BulkLoader(connection);

    // staff, teams, presence
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const staff = allocateStaff(ids);
    const presence = planPresence(staff, now);
    writeStaff(loader, staff, presence, { passwordHash, keys, now });
    const teams = writeTeams(loader, ids, staff, now);
    writePresenceIntervals(loader, ids, presence);
    const tagIds = writeTags(loader, ids, now);
    const authors = staff.filter((s) => s.definition.role === "ADMIN" || s.definition.role === "SUPERVISOR").map((s) => s.id);
    const articles = writeKnowledge(loader, ids, authors, now, articleCount);
    writeCannedReplies(loader, ids, teams, staff, now);
    await loader.commit();
    await writeRoutingRules(connection, teams, now);
    log(`staff ${staff.length}, teams ${teams.length}, help centre and routing rules written`);

    // conversations: history first, then the ones open now
    const context = { routing: new Routing(teams, availabilityFrom(presence, now)), articles };
    const customers = planCustomers(ids.reserve("Customer", customerCount), customerCount);
    const targets = openTargets(conversationCount);
    const openSlots = planOpenSlots(staff, presence, teams, targets);
    const historyCount = Math.max(0, conversationCount - openSlots.length);
    const history: PlannedConversation[] = [];
    const source = {
      context,
      customers,
      sequence: customerSequence(customerCount, historyCount, customers.firstId),
      curve: new ArrivalCurve(now - 45 * MINUTE, HISTORY_DAYS),
      firstId: ids.reserve("Conversation", historyCount),
      now,
    };
    for (let i = 0; i < historyCount; i++) history.push(historicalConversation(source, i));
    const open = openConversations(context, customers, openSlots, now);
    const firstOpenId = ids.reserve("Conversation", open.length);
    open.forEach((planned, i) => (planned.id = firstOpenId + i));

    // customers are written before their conversations so foreign keys hold while loading
    const activity = new CustomerActivity(customerCount);
    for (const { customerIndex, draft } of [...history, ...open]) recordActivity(activity, customerIndex, draft);
    const customerWriter = new CustomerWriter(loader, ids, tagIds, keys, now);
    for (let index = 0; index < customerCount; index++) customerWriter.write(customers, index, activity);
    await loader.commit();
    await writeCustomerOwnersAndSegments(connection, teams, now);
    log(`customers ${customerCount}`);

    const writer = new ConversationWriter(loader, ids, tagIds);
    const candidates: ReviewCandidate[] = [];
    for (const planned of [...history, ...open]) {
      const times = writer.write(planned.id, planned.draft);
      if (times.status === "RESOLVED" && times.csatSentAt !== null && planned.draft.assigneeId !== null) {
        candidates.push({ conversationId: planned.id, agentId: planned.draft.assigneeId, resolvedAt: times.resolvedAt ?? now });
      }
      if (planned.id % 2_000 === 0) await loader.commit();
    }
    await loader.commit();
    await countBotAnswers(connection);
    await rateBotAnswers(connection);
    log(`conversations ${history.length + open.length} (${open.length} open now)`);

    const reviewers = staff.filter((s) => s.definition.role === "QA").map((s) => s.id);
    const reviewCount = Math.min(MAX_QA_REVIEWS, Math.floor(candidates.length * 0.025));
    writeQuality(loader, ids, { reviewers, candidates, count: reviewCount, now });
    await writeCustomerProfiles(connection, loader, { customers, staff, now });
    await loader.finish();
    await writeCustomerData(connection, { actorId: staff.find((s) => s.definition.role === "ADMIN")!.id, now });
    await writeDemoWebhook(connection, keys, { actorId: staff.find((s) => s.definition.role === "ADMIN")!.id, now });
    await writeDemoTickets(connection, { actorId: staff.find((s) => s.definition.role === "ADMIN")!.id, now });

    return { seconds: (performance.now() - started) / 1000, rows: Object.fromEntries(loader.rowCounts) };
  } catch (error) {
    connection.destroy();
    throw error;
  } finally {
    if (connection.isValid()) await connection.end();
  }
}

/** The live floor is sized for the 30-agent roster; a small demo gets proportionally fewer open conversations. */
function openTargets(conversations: number): OpenTargets {
  const scale = Math.min(1, conversations / 1_000);
  const scaled = (n: number) => Math.round(n * scale);
  return {
    bot: scaled(DEFAULT_OPEN_TARGETS.bot),
    queued: scaled(DEFAULT_OPEN_TARGETS.queued),
    assigned: scaled(DEFAULT_OPEN_TARGETS.assigned),
    paused: scaled(DEFAULT_OPEN_TARGETS.paused),
  };
}

/** Open conversations go to distinct customers; the VIP queue only holds VIP and SVIP customers. */
function openConversations(context: BuildContext, customers: CustomerPlan, slots: readonly OpenSlot[], now: number): PlannedConversation[] {
  const order = Random.for("open-customers").shuffle(Array.from({ length: customers.count }, (_, i) => i));
  const used = new Set<number>();
  const take = (vipOnly: boolean): number => {
    const index = order.find((i) => !used.has(i) && (!vipOnly || levelOf(customers, i) !== "NORMAL")) ?? order.find((i) => !used.has(i)) ?? 0;
    used.add(index);
    return index;
  };
  const planned = slots.map((slot, i) => {
    const customerIndex = take(slot.team?.key === "vip");
    return { id: 0, customerIndex, draft: openConversation(context, customers, slot, customerIndex, i, now) };
  });
  // ids follow creation time, as they would in production
  return planned.sort((a, b) => (a.draft.events[0]?.at ?? 0) - (b.draft.events[0]?.at ?? 0));
}

export function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}
