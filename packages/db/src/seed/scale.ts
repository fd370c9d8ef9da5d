/**
 * Scale data for benchmarks: adds n × 10,000 customers, n × 100,000 conversations and about
 * n × 1,000,000 messages over the last 90 days, all of them ended (RESOLVED or ABANDONED).
 * Conversations are generated in time order and written in chunks, so memory stays flat; only
 * per-customer counters (a few typed arrays) live for the whole run. Customers are written last,
 * once their first/last seen times are known, which is why foreign-key checks are off meanwhile.
 */
import type * as mariadb from "mariadb";
import { fieldKeysFromEnv } from "../env.ts";
import { BulkLoader, IdAllocator, openSeedConnection } from "./bulk-insert.ts";
import { historicalConversation, recordActivity } from "./conversation-plans.ts";
import { ConversationWriter } from "./conversation-rows.ts";
import { CustomerActivity, customerSequence, CustomerWriter, planCustomers } from "./customers.ts";
import { ID_TABLES, isSeeded } from "./database.ts";
import { positiveInteger, seedDemo } from "./demo.ts";
import { countBotAnswers, KB_GROUPS } from "./knowledge.ts";
import { agentPace, ArticleIndex, Routing, type ArticleRef, type TeamRef } from "./routing.ts";
import { TEAMS } from "./staff.ts";
import type { SeedSummary } from "./summary.ts";
import type { Topic } from "./texts.ts";
import { ArrivalCurve, MINUTE } from "./time.ts";

export const MAX_SCALE = 100;
const CUSTOMERS_PER_UNIT = 10_000;
const CONVERSATIONS_PER_UNIT = 100_000;
const CHUNK = 2_000;

export interface ScaleOptions {
  log?: (line: string) => void;
  now?: Date;
}

export async function seedScale(url: string, scale: number, options: ScaleOptions = {}): Promise<SeedSummary> {
  positiveInteger(scale, "scale");
  if (scale > MAX_SCALE) throw new Error(`scale must be at most ${MAX_SCALE}, got ${scale}`);
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const now = (options.now ?? new Date()).getTime();
  const keys = fieldKeysFromEnv();

  const rows: Record<string, number> = {};
  if (!(await isSeeded(url))) {
    log("the database is empty: seeding the demo data first (staff, teams and the help centre are needed)");
    const demo = await seedDemo(url, { log, now: new Date(now) });
    Object.assign(rows, demo.rows);
  }

  const connection = await openSeedConnection(url);
  try {
    // generated ids and keys are unique and consistent by construction; customers arrive last
    await connection.query("SET SESSION unique_checks = 0, foreign_key_checks = 0");
    const context = { routing: new Routing(await loadTeams(connection)), articles: await loadArticles(connection) };
    const tagIds = await loadTagIds(connection);
    const ids = await IdAllocator.load(connection, ID_TABLES);
    const loader = new BulkLoader(connection);
    const conversationWriter = new ConversationWriter(loader, ids, tagIds);
    const customerWriter = new CustomerWriter(loader, ids, tagIds, keys, now);

    const customerCount = scale * CUSTOMERS_PER_UNIT;
    const conversationCount = scale * CONVERSATIONS_PER_UNIT;
    const customers = planCustomers(ids.reserve("Customer", customerCount), customerCount);
    const activity = new CustomerActivity(customerCount);
    const source = {
      context,
      customers,
      sequence: customerSequence(customerCount, conversationCount, customers.firstId),
      curve: new ArrivalCurve(now - 45 * MINUTE, 90),
      firstId: ids.reserve("Conversation", conversationCount),
      now,
    };

    const tenth = Math.max(1, Math.floor(conversationCount / 10));
    for (let i = 0; i < conversationCount; i++) {
      const { id, customerIndex, draft } = historicalConversation(source, i);
      recordActivity(activity, customerIndex, draft);
      conversationWriter.write(id, draft);
      if ((i + 1) % CHUNK === 0) await loader.commit();
      if ((i + 1) % tenth === 0)
        log(`conversations ${(i + 1).toLocaleString("en-US")} / ${conversationCount.toLocaleString("en-US")} (${secondsSince(started)} s)`);
    }
    for (let index = 0; index < customerCount; index++) {
      customerWriter.write(customers, index, activity);
      if ((index + 1) % CHUNK === 0) await loader.commit();
    }
    await loader.finish();
    await countBotAnswers(connection);
    log(`customers ${customerCount.toLocaleString("en-US")} (${secondsSince(started)} s)`);
    for (const [table, count] of loader.rowCounts) rows[table] = (rows[table] ?? 0) + count;
    return { seconds: (performance.now() - started) / 1000, rows };
  } catch (error) {
    connection.destroy();
    throw error;
  } finally {
    if (connection.isValid()) {
      await connection.query("SET SESSION unique_checks = 1, foreign_key_checks = 1");
      await connection.end();
    }
  }
}

function secondsSince(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

/** Teams and their active agents as they are in the database (names matched to the demo teams' roles). */
async function loadTeams(connection: mariadb.Connection): Promise<TeamRef[]> {
  const teams = await connection.query<{ id: number; name: string }[]>("SELECT id, name FROM `Team` ORDER BY id");
  const members = await connection.query<{ teamId: number; id: number; name: string; employeeNo: string }[]>(
    "SELECT m.teamId, u.id, u.name, u.employeeNo FROM `TeamMember` m JOIN `User` u ON u.id = m.userId WHERE u.role = 'AGENT' AND u.disabledAt IS NULL ORDER BY m.teamId, u.id",
  );
  const agents = new Map<number, TeamRef["agents"]>();
  const byUser = new Map<number, TeamRef["agents"][number]>();
  for (const member of members) {
    const agent = byUser.get(member.id) ?? { id: member.id, name: member.name, employeeNo: member.employeeNo, pace: agentPace(member.employeeNo) };
    byUser.set(member.id, agent);
    agents.set(member.teamId, [...(agents.get(member.teamId) ?? []), agent]);
  }
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    key: TEAMS.find((definition) => definition.name === team.name)?.key ?? null,
    agents: agents.get(team.id) ?? [],
  }));
}

/** Published articles by topic; the topic is recognised by the article's category name. */
async function loadArticles(connection: mariadb.Connection): Promise<ArticleIndex> {
  const articles = await connection.query<{ id: number; title: string; body: string; category: string | null }[]>(
    "SELECT a.id, a.title, a.body, c.name AS category FROM `KbArticle` a LEFT JOIN `KbCategory` c ON c.id = a.categoryId WHERE a.status = 'PUBLISHED' ORDER BY a.id",
  );
  const byTopic = new Map<Topic, ArticleRef[]>();
  for (const article of articles) {
    const topic = KB_GROUPS.find((group) => group.name === article.category)?.topic;
    if (!topic) continue;
    const summary = article.body.split("\n\n")[0] ?? article.title;
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), { id: article.id, title: article.title, summary }]);
  }
  return new ArticleIndex(byTopic);
}

async function loadTagIds(connection: mariadb.Connection): Promise<Map<string, number>> {
  const tags = await connection.query<{ id: number; name: string }[]>("SELECT id, name FROM `Tag`");
  return new Map(tags.map((tag) => [tag.name, tag.id]));
}
