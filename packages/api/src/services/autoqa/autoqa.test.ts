import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueJobs } from "../../jobs/worker.ts";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { addInternalNote, sendAgentReply } from "../conversation/reply.ts";
import { resolveConversation } from "../conversation/resolve.ts";
import { abandonConversation } from "../conversation/abandon.ts";
import { makeAgent, makeConversation } from "../conversation/test-fixtures.ts";
import { backfillAutoQa } from "./backfill.ts";
import { checkEndedConversation } from "./check-conversation.ts";
import { loadEnabledRules } from "./rules.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

async function drainJobs() {
  while ((await runDueJobs(h.db, "autoqa-test", { batchSize: 50 })) > 0);
}

async function activeConversation() {
  const agent = await makeAgent(h.db, { presence: "ONLINE" });
  const conversation = await makeConversation(h.db, { status: "ACTIVE", assigneeId: agent.id });
  return { agent, conversationId: conversation.id };
}

describe("AutoQA on ended conversations", () => {
  it("flags a forbidden word in an agent reply once the conversation is resolved, exactly once", async () => {
    const { agent, conversationId } = await activeConversation();
    const reply = await sendAgentReply(h.db, agent, { conversationId, body: "您好，你能不能闭嘴听我说" });
    await addInternalNote(h.db, agent, { conversationId, body: "这个客户有病吧" });
    await sendAgentReply(h.db, agent, { conversationId, body: "请问还有其他问题吗？祝您生活愉快" });
    await drainJobs();
    expect(await h.db.autoQaFlag.count({ where: { conversationId } })).toBe(0);

    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    await drainJobs();
    const flags = await h.db.autoQaFlag.findMany({ where: { conversationId }, select: { rule: true, messageId: true, severity: true, detail: true } });
    // the note is the agents' own and never checked; greeting and closing are there
    expect(flags).toMatchObject([{ rule: "forbidden_words", messageId: reply.messageId, severity: "HIGH", detail: { matched: ["闭嘴"] } }]);
    expect(flags).toHaveLength(1);
    expect(await h.db.autoQaCheck.findUnique({ where: { conversationId } })).toMatchObject({ flagCount: 1 });

    // a second delivery of the same event, or the backfill meeting it: nothing more
    expect(await checkEndedConversation(h.db, conversationId, await loadEnabledRules(h.db))).toEqual({ checked: false, reason: "already_checked" });
    expect(await h.db.autoQaFlag.count({ where: { conversationId } })).toBe(1);
  });

  it("checks a conversation the customer abandoned, and flags their complaint words", async () => {
    const conversation = await makeConversation(h.db, { status: "QUEUED" });
    await h.db.message.create({ data: { conversationId: conversation.id, senderType: "CUSTOMER", kind: "TEXT", body: "没人理我，我要去12315投诉" } });
    await abandonConversation(h.db, conversation.id);
    await drainJobs();
    expect(await h.db.autoQaFlag.findMany({ where: { conversationId: conversation.id }, select: { rule: true } })).toEqual([{ rule: "complaint_risk" }]);
  });

  it("leaves out rules that are switched off", async () => {
    const rule = await h.db.autoQaRule.findUniqueOrThrow({ where: { key: "forbidden_words" } });
    await h.callerFor(h.users.ADMIN).qa.updateAutoQaRule({
      id: rule.id,
      name: rule.name,
      severity: "HIGH",
      points: 10,
      enabled: false,
      type: "FORBIDDEN_WORDS",
      config: rule.config as never,
    });
    const { agent, conversationId } = await activeConversation();
    await sendAgentReply(h.db, agent, { conversationId, body: "您好，闭嘴。还有其他问题吗" });
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    await drainJobs();
    expect(await h.db.autoQaFlag.count({ where: { conversationId } })).toBe(0);
    await h.db.autoQaRule.update({ where: { id: rule.id }, data: { enabled: true } });
  });
});

describe("AutoQA rule settings", () => {
  const admin = () => h.callerFor(h.users.ADMIN);

  it("lists the standing rules to reviewers and changes them for admins only", async () => {
    const rules = await h.callerFor(h.users.QA).qa.listAutoQaRules();
    expect(rules.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        "FORBIDDEN_WORDS",
        "GREETING",
        "CLOSING",
        "SLOW_RESPONSE",
        "REPEATED_TEXT",
        "IMPOLITE",
        "COMPLAINT_RISK",
        "PERSONAL_DATA",
        "PROCESS_ORDER",
      ]),
    );
    const greeting = rules.find((r) => r.key === "greeting")!;
    expect((await outcome(() => h.callerFor(h.users.QA).qa.updateAutoQaRule({ ...greeting, type: "GREETING", config: greeting.config as never }))).code).toBe(
      "FORBIDDEN",
    );
    const updated = await admin().qa.updateAutoQaRule({
      id: greeting.id,
      name: "开场问候",
      severity: "MEDIUM",
      points: 3,
      enabled: true,
      type: "GREETING",
      config: { phrases: ["您好"], withinFirst: 1 },
    });
    expect(updated).toMatchObject({ name: "开场问候", points: 3, config: { phrases: ["您好"], withinFirst: 1 } });
  });

  it("refuses bad settings, naming the field, and writes nothing", async () => {
    const rule = await h.db.autoQaRule.findUniqueOrThrow({ where: { key: "slow_response" } });
    const base = { id: rule.id, name: rule.name, severity: "MEDIUM" as const, points: 3, enabled: true };
    const cases: [unknown, string][] = [
      [{ ...base, type: "SLOW_RESPONSE", config: { firstResponseSeconds: 0, replySeconds: 60 } }, "config.firstResponseSeconds"],
      [{ ...base, type: "SLOW_RESPONSE", config: { firstResponseSeconds: 60 } }, "config.replySeconds"],
      [{ ...base, name: " ", type: "SLOW_RESPONSE", config: { firstResponseSeconds: 60, replySeconds: 60 } }, "name"],
      [{ ...base, points: 101, type: "SLOW_RESPONSE", config: { firstResponseSeconds: 60, replySeconds: 60 } }, "points"],
      [{ ...base, type: "IMPOLITE", config: { phrases: ["x"] } }, "type"],
      [{ ...base, type: "FORBIDDEN_WORDS", config: { words: ["一".repeat(33)], whitelist: [] } }, "config.words.0"],
      [{ ...base, id: 999_999, type: "SLOW_RESPONSE", config: { firstResponseSeconds: 60, replySeconds: 60 } }, "id"],
    ];
    for (const [input, field] of cases) {
      const result = await outcome(() => admin().qa.updateAutoQaRule(input as never));
      expect(result.field, JSON.stringify(input)).toBe(field);
    }
    expect(await h.db.autoQaRule.findUniqueOrThrow({ where: { key: "slow_response" } })).toEqual(rule);
  });

  it("runs a rule being edited over sample text in the test box", async () => {
    const result = await admin().qa.testAutoQaRule({
      type: "SLOW_RESPONSE",
      config: { firstResponseSeconds: 60, replySeconds: 120 },
      sample: "客户：在吗\n[2:00] 客服：您好\n\n客户：多久到账",
    });
    expect(result.lines).toEqual([
      { line: 1, speaker: "CUSTOMER", body: "在吗" },
      { line: 2, speaker: "AGENT", body: "您好" },
      { line: 4, speaker: "CUSTOMER", body: "多久到账" },
    ]);
    expect(result.flags).toMatchObject([{ line: 2, detail: { kind: "first_response", seconds: 120 } }]);
    const words = await admin().qa.testAutoQaRule({
      type: "FORBIDDEN_WORDS",
      config: { words: ["滚"], whitelist: ["滚动"] },
      sample: "A: 滚动条在右边\nA: 滚",
    });
    expect(words.flags).toMatchObject([{ line: 2, detail: { highlights: [{ start: 0, end: 1 }] } }]);
    expect((await outcome(() => admin().qa.testAutoQaRule({ type: "IMPOLITE", config: { phrases: [] }, sample: "x" }))).field).toBe("config.phrases");
  });

  it("lists a conversation's flags with the rule's name and points", async () => {
    const { agent, conversationId } = await activeConversation();
    await sendAgentReply(h.db, agent, { conversationId, body: "不是说了吗，你自己看" });
    await resolveConversation(h.db, agent, { conversationId, resolutionCategory: "问题已解决" });
    await drainJobs();
    const result = await h.callerFor(h.users.SUPERVISOR).qa.listConversationFlags({ conversationId });
    expect(result.checkedAt).toBeInstanceOf(Date);
    expect(result.flags.map((f) => [f.rule, f.ruleName])).toEqual(expect.arrayContaining([["impolite", "服务态度"]]));
    expect((await outcome(() => h.callerFor(h.users.AGENT).qa.listConversationFlags({ conversationId }))).code).toBe("FORBIDDEN");
  });
});

describe("AutoQA over history", () => {
  it("checks every ended conversation not yet checked, in batches with progress, and nothing twice", async () => {
    const agent = await makeAgent(h.db);
    const created: number[] = [];
    for (let i = 0; i < 5; i++) {
      const conversation = await makeConversation(h.db, { status: "RESOLVED", assigneeId: agent.id });
      await h.db.message.createMany({
        data: [
          { conversationId: conversation.id, senderType: "CUSTOMER", kind: "TEXT", body: "在吗" },
          {
            conversationId: conversation.id,
            senderType: "AGENT",
            senderId: agent.id,
            kind: "TEXT",
            body: i % 2 ? "您好，你自己看公告。还有其他问题吗" : "您好，请稍候。还有其他问题吗",
          },
        ],
      });
      created.push(conversation.id);
    }
    const open = await makeConversation(h.db, { status: "ACTIVE", assigneeId: agent.id });
    const progress: [number, number][] = [];
    const unchecked = await h.db.conversation.count({ where: { status: { in: ["RESOLVED", "ABANDONED"] }, autoQaCheck: { is: null } } });

    const result = await backfillAutoQa(h.db, { batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.checked).toBe(unchecked);
    expect(progress.at(0)).toEqual([0, unchecked]);
    expect(progress.at(-1)).toEqual([unchecked, unchecked]);
    expect(await h.db.autoQaCheck.count({ where: { conversationId: { in: created } } })).toBe(5);
    expect(await h.db.autoQaFlag.count({ where: { conversationId: { in: created }, rule: "impolite" } })).toBe(2);
    expect(await h.db.autoQaCheck.count({ where: { conversationId: open.id } })).toBe(0);

    expect(await backfillAutoQa(h.db)).toEqual({ checked: 0, flags: 0 });
    expect(await h.db.autoQaFlag.count({ where: { conversationId: { in: created }, rule: "impolite" } })).toBe(2);
  });
});
