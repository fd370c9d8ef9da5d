/**
 * The demo seed against a real database: the invariants metrics and screens rely on, checked
 * with SQL over everything it wrote.
 */
import * as mariadb from "mariadb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolConfig } from "../client.ts";
import { decryptField } from "../crypto.ts";
import { fieldKeysFromEnv } from "../env.ts";
import { verifyPassword } from "../password.ts";
import { createTestDatabase, type TestDatabase } from "../test-database.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, resetData, seedDemo, type SeedSummary } from "./index.ts";

/** 14:30 in Beijing on a Wednesday. */
const NOW = new Date("2026-11-25T06:30:00.000Z");
const SIZE = { conversations: 1_500, customers: 300 };

let database: TestDatabase;
let connection: mariadb.Connection;
let summary: SeedSummary;

async function rows<T>(sql: string, values?: unknown[]): Promise<T[]> {
  return connection.query<T[]>(sql, values);
}

async function count(sql: string, values?: unknown[]): Promise<number> {
  const [row] = await rows<Record<string, unknown>>(sql, values);
  return Number(Object.values(row ?? {})[0] ?? Number.NaN);
}

beforeAll(async () => {
  database = await createTestDatabase("kefu_seed");
  expect(await isSeeded(database.url)).toBe(false);
  summary = await seedDemo(database.url, { ...SIZE, now: NOW });
  connection = await mariadb.createConnection({ ...poolConfig(database.url), bigIntAsNumber: true, decimalAsNumber: true });
}, 120_000);

afterAll(async () => {
  await connection?.end();
  await database?.drop();
});

describe("seedDemo", () => {
  it("writes the requested numbers of customers and conversations", async () => {
    expect(summary.rows.Conversation).toBe(SIZE.conversations);
    expect(await count("SELECT COUNT(*) FROM Conversation")).toBe(SIZE.conversations);
    expect(await count("SELECT COUNT(*) FROM Customer")).toBe(SIZE.customers);
    expect(await isSeeded(database.url)).toBe(true);
    const perConversation = (await count("SELECT COUNT(*) FROM Message")) / SIZE.conversations;
    expect(perConversation).toBeGreaterThan(8);
    expect(perConversation).toBeLessThan(12);
  });

  it("creates the roster: 1 admin, 3 supervisors, 30 agents, 2 QA, all with the demo password", async () => {
    const byRole = await rows<{ role: string; n: number }>("SELECT role, COUNT(*) AS n FROM User GROUP BY role ORDER BY role");
    expect(Object.fromEntries(byRole.map((r) => [r.role, r.n]))).toEqual({ ADMIN: 1, SUPERVISOR: 3, AGENT: 30, QA: 2 });
    for (const account of DEMO_ACCOUNTS) {
      const [user] = await rows<{ role: string; email: string; name: string }>("SELECT role, email, name FROM User WHERE employeeNo = ?", [account.employeeNo]);
      expect(user).toEqual({ role: account.role, email: account.email, name: account.name });
    }
    const [admin] = await rows<{ passwordHash: string }>("SELECT passwordHash FROM User WHERE employeeNo = '1000'");
    expect(await verifyPassword(admin!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await count("SELECT COUNT(*) FROM User WHERE maxConcurrent NOT BETWEEN 3 AND 8")).toBe(0);
    // every agent is in a team, every team has a lead
    expect(await count("SELECT COUNT(*) FROM User u WHERE u.role = 'AGENT' AND NOT EXISTS (SELECT 1 FROM TeamMember m WHERE m.userId = u.id)")).toBe(0);
    expect(await count("SELECT COUNT(*) FROM Team t WHERE NOT EXISTS (SELECT 1 FROM TeamMember m WHERE m.teamId = t.id AND m.isLead)")).toBe(0);
  });

  it("keeps every conversation's status equal to the toStatus of its last status-changing event", async () => {
    const mismatched = await count(`
      SELECT COUNT(*) FROM Conversation c
      LEFT JOIN (
        SELECT e.conversationId, e.toStatus FROM ConversationEvent e
        JOIN (SELECT conversationId, MAX(id) AS id FROM ConversationEvent WHERE toStatus IS NOT NULL GROUP BY conversationId) last ON last.id = e.id
      ) x ON x.conversationId = c.id
      WHERE x.toStatus IS NULL OR x.toStatus <> c.status`);
    expect(mismatched).toBe(0);
    // every story starts with CREATED into BOT, and events are in time order
    expect(
      await count(
        "SELECT COUNT(*) FROM Conversation c WHERE (SELECT type FROM ConversationEvent e WHERE e.conversationId = c.id ORDER BY id LIMIT 1) <> 'CREATED'",
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT COUNT(*) FROM (SELECT at, LAG(at) OVER (PARTITION BY conversationId ORDER BY id) AS previous FROM ConversationEvent) e WHERE e.at < e.previous",
      ),
    ).toBe(0);
    // each transition leaves the status the previous one entered
    expect(
      await count(`SELECT COUNT(*) FROM (
        SELECT fromStatus, LAG(toStatus) OVER (PARTITION BY conversationId ORDER BY id) AS previous
        FROM ConversationEvent WHERE toStatus IS NOT NULL
      ) e WHERE e.previous IS NOT NULL AND NOT (e.fromStatus <=> e.previous)`),
    ).toBe(0);
  });

  it("derives the timestamps from the events", async () => {
    expect(await count("SELECT COUNT(*) FROM Conversation WHERE assignedAt < queuedAt OR (assignedAt IS NOT NULL AND queuedAt IS NULL)")).toBe(0);
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c WHERE c.status = 'RESOLVED' AND (c.resolvedAt IS NULL OR c.resolutionCategory IS NULL
        OR NOT EXISTS (SELECT 1 FROM ConversationEvent e WHERE e.conversationId = c.id AND e.type = 'RESOLVED' AND e.at = c.resolvedAt))`),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) FROM Conversation WHERE status <> 'RESOLVED' AND resolvedAt IS NOT NULL")).toBe(0);
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c LEFT JOIN (
        SELECT p.conversationId, SUM(TIMESTAMPDIFF(SECOND, p.at, r.at)) AS seconds FROM ConversationEvent p
        JOIN ConversationEvent r ON r.id = (SELECT MIN(id) FROM ConversationEvent n WHERE n.conversationId = p.conversationId AND n.type = 'RESUMED' AND n.id > p.id)
        WHERE p.type = 'PAUSED' GROUP BY p.conversationId
      ) paused ON paused.conversationId = c.id WHERE c.pausedSeconds <> COALESCE(paused.seconds, 0)`),
    ).toBe(0);
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c
        LEFT JOIN (SELECT conversationId, MAX(id) AS id FROM Message GROUP BY conversationId) m ON m.conversationId = c.id
        WHERE NOT (c.lastMessageId <=> m.id)`),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) FROM Conversation WHERE updatedAt > ?", [NOW])).toBe(0);
  });

  it("never assigns an abandoned conversation", async () => {
    expect(await count("SELECT COUNT(*) FROM Conversation WHERE status = 'ABANDONED'")).toBeGreaterThan(0);
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c WHERE c.status = 'ABANDONED'
        AND (c.assigneeId IS NOT NULL OR EXISTS (SELECT 1 FROM ConversationEvent e WHERE e.conversationId = c.id AND e.type = 'ASSIGNED'))`),
    ).toBe(0);
  });

  it("keeps the live floor within each agent's limit, held by signed-in agents of the conversation's team", async () => {
    const open = await rows<{ status: string; n: number }>(
      "SELECT status, COUNT(*) AS n FROM Conversation WHERE status IN ('BOT','QUEUED','ACTIVE','PAUSED') GROUP BY status",
    );
    const byStatus = Object.fromEntries(open.map((r) => [r.status, r.n]));
    expect(byStatus.QUEUED).toBe(15);
    expect(byStatus.ACTIVE).toBeGreaterThan(25);
    expect(byStatus.PAUSED).toBeGreaterThan(3);
    expect(
      await count(`SELECT COUNT(*) FROM User u JOIN (SELECT assigneeId, COUNT(*) AS n FROM Conversation WHERE status IN ('ACTIVE','PAUSED') GROUP BY assigneeId) x
        ON x.assigneeId = u.id WHERE x.n > u.maxConcurrent OR u.presence NOT IN ('ONLINE','BUSY')`),
    ).toBe(0);
    expect(
      await count(
        "SELECT COUNT(*) FROM Conversation c WHERE c.assigneeId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM TeamMember m WHERE m.teamId = c.teamId AND m.userId = c.assigneeId)",
      ),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) FROM Conversation WHERE status = 'QUEUED' AND queuedAt < ? - INTERVAL 10 MINUTE", [NOW])).toBe(0);
    // every signed-in person has exactly one open presence interval, matching their presence
    expect(
      await count(`SELECT COUNT(*) FROM User u WHERE u.presence <> 'OFFLINE' AND 1 <> (
        SELECT COUNT(*) FROM PresenceInterval p WHERE p.userId = u.id AND p.endedAt IS NULL AND p.presence = u.presence)`),
    ).toBe(0);
    const agents = await count("SELECT COUNT(*) FROM User WHERE role = 'AGENT' AND presence <> 'OFFLINE'");
    expect(agents).toBe(18);
  });

  it("orders each conversation's messages in time when ordered by id", async () => {
    expect(
      await count(
        "SELECT COUNT(*) FROM (SELECT createdAt, LAG(createdAt) OVER (PARTITION BY conversationId ORDER BY id) AS previous FROM Message) m WHERE m.createdAt < m.previous",
      ),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) FROM Message WHERE CHAR_LENGTH(body) > 5000 OR (senderType = 'CUSTOMER') <> (clientId IS NOT NULL)")).toBe(0);
    expect(await count("SELECT COUNT(*) FROM Message WHERE senderType = 'AGENT' AND senderId IS NULL")).toBe(0);
    expect(await count("SELECT COUNT(*) FROM Message WHERE kbArticleId IS NOT NULL AND senderType <> 'BOT'")).toBe(0);
  });

  it("rates bot answers as the widget does: one rating per answer of its article, counters equal to the ratings", async () => {
    expect(await count("SELECT COUNT(*) FROM KbFeedback")).toBeGreaterThan(0);
    expect(
      await count(`SELECT COUNT(*) FROM KbFeedback f LEFT JOIN Message m ON m.id = f.messageId
        WHERE m.id IS NULL OR m.senderType <> 'BOT' OR m.kbArticleId <> f.articleId OR m.conversationId <> f.conversationId
          OR (f.helpful AND (f.reason IS NOT NULL OR f.comment IS NOT NULL))
          OR f.reason NOT IN ('not_solved', 'unclear', 'wrong', 'off_topic')`),
    ).toBe(0);
    expect(
      await count(`SELECT COUNT(*) FROM KbArticle a LEFT JOIN (
        SELECT articleId, SUM(helpful) AS helpful, SUM(NOT helpful) AS unhelpful FROM KbFeedback GROUP BY articleId
      ) f ON f.articleId = a.id WHERE a.helpfulCount <> COALESCE(f.helpful, 0) OR a.unhelpfulCount <> COALESCE(f.unhelpful, 0)`),
    ).toBe(0);
  });

  it("sets firstResponseAt to the first agent text message", async () => {
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c LEFT JOIN (
        SELECT conversationId, MIN(createdAt) AS at FROM Message WHERE senderType = 'AGENT' AND kind = 'TEXT' GROUP BY conversationId
      ) m ON m.conversationId = c.id WHERE NOT (c.firstResponseAt <=> m.at)`),
    ).toBe(0);
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c LEFT JOIN (
        SELECT conversationId, MAX(createdAt) AS at FROM Message WHERE senderType = 'CUSTOMER' GROUP BY conversationId
      ) m ON m.conversationId = c.id WHERE NOT (c.lastCustomerMessageAt <=> m.at)`),
    ).toBe(0);
  });

  it("counts each customer's conversations and first visit exactly", async () => {
    expect(
      await count(`SELECT COUNT(*) FROM Customer cu LEFT JOIN (
        SELECT customerId, COUNT(*) AS n, MIN(createdAt) AS first FROM Conversation GROUP BY customerId
      ) x ON x.customerId = cu.id WHERE cu.conversationCount <> COALESCE(x.n, 0) OR NOT (cu.firstSeenAt <=> x.first) OR cu.lastSeenAt < cu.firstSeenAt`),
    ).toBe(0);
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c WHERE NOT EXISTS (
        SELECT 1 FROM CustomerIdentity i WHERE i.customerId = c.customerId AND i.channel = c.channel)`),
    ).toBe(0);
  });

  it("keeps satisfaction scores between 1 and 5, only on surveyed conversations, each with its CSAT event", async () => {
    expect(await count("SELECT COUNT(*) FROM Conversation WHERE csatScore IS NOT NULL")).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) FROM Conversation WHERE csatScore NOT BETWEEN 1 AND 5")).toBe(0);
    expect(await count("SELECT COUNT(*) FROM Conversation WHERE csatScore IS NOT NULL AND (csatSentAt IS NULL OR csatAt < csatSentAt)")).toBe(0);
    // a person's resolution sends the survey; an idle conversation that ended itself does not
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c WHERE (c.csatSentAt IS NOT NULL) <> (c.status = 'RESOLVED' AND c.assigneeId IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM ConversationEvent e WHERE e.conversationId = c.id AND e.type = 'RESOLVED' AND JSON_VALUE(e.detail, '$.closedBy') = 'idle'))`),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) FROM ConversationEvent WHERE type = 'RESOLVED' AND JSON_VALUE(detail, '$.closedBy') = 'idle'")).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) FROM ConversationEvent WHERE type = 'ABANDONED' AND JSON_VALUE(detail, '$.reason') = 'customer_left'")).toBeGreaterThan(
      0,
    );
    expect(
      await count(`SELECT COUNT(*) FROM Conversation c WHERE (c.csatScore IS NOT NULL) <> EXISTS (
        SELECT 1 FROM ConversationEvent e WHERE e.conversationId = c.id AND e.type = 'CSAT' AND JSON_VALUE(e.detail, '$.score') = c.csatScore)`),
    ).toBe(0);
  });

  it("stores QA totals that follow the metric definitions", async () => {
    expect(await count("SELECT COUNT(*) FROM QaReview")).toBeGreaterThan(10);
    // criterion score = (given − min) ÷ (max − min) × 100; total = Σ score × weight ÷ Σ weight over the scored ones
    // (N/A = a null score, left out); a critical one under 50 % → 0
    const mismatched = await count(`
      SELECT COUNT(*) FROM QaReview r JOIN (
        SELECT s.reviewId,
          CASE WHEN SUM(c.critical AND s.score IS NOT NULL AND (s.score - c.minScore) * 1e0 / (c.maxScore - c.minScore) < 0.5) > 0 THEN 0
               ELSE SUM(IF(s.score IS NULL, 0, (s.score - c.minScore) * 1e0 / (c.maxScore - c.minScore) * 100 * c.weight))
                    / SUM(IF(s.score IS NULL, 0, c.weight)) END AS total,
          COUNT(*) AS scored
        FROM QaReviewScore s JOIN ScorecardCriterion c ON c.id = s.criterionId GROUP BY s.reviewId
      ) x ON x.reviewId = r.id
      WHERE ABS(r.total - x.total) > 1e-9 OR x.scored <> (SELECT COUNT(*) FROM ScorecardCriterion)`);
    expect(mismatched).toBe(0);
    expect(
      await count(`SELECT COUNT(*) FROM QaReview r JOIN Conversation c ON c.id = r.conversationId JOIN User q ON q.id = r.reviewerId
        WHERE c.status <> 'RESOLVED' OR c.assigneeId <> r.agentId OR q.role <> 'QA' OR r.createdAt < c.resolvedAt OR r.status NOT IN ('SUBMITTED','FINAL')`),
    ).toBe(0);
    // N/A only where the criterion allows it, and some reviews use it; acknowledged exactly when FINAL
    expect(
      await count("SELECT COUNT(*) FROM QaReviewScore s JOIN ScorecardCriterion c ON c.id = s.criterionId WHERE s.score IS NULL AND NOT c.naAllowed"),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) FROM QaReviewScore WHERE score IS NULL")).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) FROM QaReview WHERE (acknowledgedAt IS NOT NULL) <> (status = 'FINAL') OR acknowledgedAt < submittedAt")).toBe(0);
  });

  it("writes tickets as the ticket service does: linked to their conversation, history ending in the status, open ones on held conversations", async () => {
    expect(await count("SELECT COUNT(*) FROM Ticket")).toBeGreaterThan(10);
    expect(await count("SELECT COUNT(*) FROM Ticket t WHERE NOT EXISTS (SELECT 1 FROM TicketConversation l WHERE l.ticketId = t.id)")).toBe(0);
    expect(
      await count(
        "SELECT COUNT(*) FROM Ticket t WHERE (SELECT COUNT(*) FROM TicketChange c WHERE c.ticketId = t.id AND c.field = 'created' AND c.toValue = 'OPEN') <> 1",
      ),
    ).toBe(0);
    // the last status line (or the creation) says the ticket's status
    expect(
      await count(
        `SELECT COUNT(*) FROM Ticket t JOIN TicketChange c ON c.id = (SELECT MAX(id) FROM TicketChange x WHERE x.ticketId = t.id) WHERE c.toValue <> t.status`,
      ),
    ).toBe(0);
    expect(
      await count("SELECT COUNT(*) FROM Ticket WHERE (status = 'SOLVED') <> (solvedAt IS NOT NULL) OR syncStatus <> 'LOCAL' OR CHAR_LENGTH(subject) > 60"),
    ).toBe(0);
    expect(
      await count("SELECT COUNT(*) FROM Ticket WHERE idempotencyKey NOT REGEXP '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'"),
    ).toBe(0);
    expect(
      await count(`SELECT COUNT(*) FROM Ticket t JOIN TicketConversation l ON l.ticketId = t.id JOIN Conversation c ON c.id = l.conversationId
        WHERE c.status IN ('ACTIVE', 'PAUSED') AND t.status = 'OPEN'`),
    ).toBeGreaterThan(0);
  });

  it("never stores a phone number in plain text", async () => {
    const keys = fieldKeysFromEnv();
    const customers = await rows<{ phoneEnc: string; phoneLast4: string }>(
      "SELECT phoneEnc, phoneLast4 FROM Customer WHERE phoneEnc IS NOT NULL ORDER BY id LIMIT 25",
    );
    const staff = await rows<{ phoneEnc: string; phoneLast4: string }>("SELECT phoneEnc, phoneLast4 FROM User WHERE phoneEnc IS NOT NULL ORDER BY id LIMIT 5");
    expect(customers.length).toBe(25);
    for (const { phoneEnc, phoneLast4 } of [...customers, ...staff]) {
      const phone = decryptField(keys, phoneEnc);
      expect(phone).toMatch(/^1\d{10}$/);
      expect(phone.endsWith(phoneLast4)).toBe(true);
      const pattern = `%${phone}%`;
      const found = await count(
        `SELECT (SELECT COUNT(*) FROM Customer WHERE CONCAT_WS('|', name, phoneHash, phoneEnc, email, idNumberEnc, externalId, city, notes) LIKE ?)
          + (SELECT COUNT(*) FROM User WHERE CONCAT_WS('|', employeeNo, name, email, phoneHash, phoneEnc) LIKE ?)
          + (SELECT COUNT(*) FROM CustomerIdentity WHERE externalUserId LIKE ?)
          + (SELECT COUNT(*) FROM Message WHERE body LIKE ?)
          + (SELECT COUNT(*) FROM ConversationEvent WHERE detail LIKE ?)
          + (SELECT COUNT(*) FROM Conversation WHERE CONCAT_WS('|', subject, csatComment, resolutionCategory) LIKE ?)`,
        [pattern, pattern, pattern, pattern, pattern, pattern],
      );
      expect(found).toBe(0);
    }
    const idNumbers = await rows<{ idNumberEnc: string }>("SELECT idNumberEnc FROM Customer WHERE idNumberEnc IS NOT NULL LIMIT 5");
    for (const { idNumberEnc } of idNumbers) expect(decryptField(keys, idNumberEnc)).toMatch(/^\d{17}[\dX]$/);
  });

  it("refuses to seed a database that already has staff", async () => {
    await expect(seedDemo(database.url, { ...SIZE, now: NOW })).rejects.toThrow(/already has staff/);
  });

  it("produces identical data for the same now after resetData", async () => {
    const before = await checksum();
    await resetData(database.url);
    expect(await count("SELECT COUNT(*) FROM Conversation")).toBe(0);
    expect(await count("SELECT COUNT(*) FROM _prisma_migrations")).toBeGreaterThan(0);
    expect(await isSeeded(database.url)).toBe(false);
    await seedDemo(database.url, { ...SIZE, now: NOW });
    const after = await checksum();
    expect(after).toEqual(before);
    expect(Object.values(before).every((table) => table.rows > 0)).toBe(true);
  }, 120_000);
});

/** Encrypted fields and password hashes are salted by design, so they are left out. */
const SALTED = new Set(["phoneEnc", "idNumberEnc", "passwordHash"]);
const CHECKED_TABLES = [
  "User",
  "Customer",
  "CustomerIdentity",
  "Conversation",
  "Message",
  "ConversationEvent",
  "PresenceInterval",
  "KbArticle",
  "KbFeedback",
  "QaReview",
  "QaReviewScore",
  "Ticket",
  "TicketConversation",
  "TicketChange",
];

async function checksum(): Promise<Record<string, { rows: number; crc: number }>> {
  const result: Record<string, { rows: number; crc: number }> = {};
  for (const table of CHECKED_TABLES) {
    const columns = await rows<{ name: string }>(
      "SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
      [table],
    );
    const expression = columns
      .filter((c) => !SALTED.has(c.name))
      .map((c) => `COALESCE(CAST(\`${c.name}\` AS CHAR), '∅')`)
      .join(", '|', ");
    const [row] = await rows<{ n: number; crc: number }>(`SELECT COUNT(*) AS n, COALESCE(SUM(CRC32(CONCAT(${expression}))), 0) AS crc FROM \`${table}\``);
    result[table] = { rows: row!.n, crc: row!.crc };
  }
  return result;
}
