import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationPublications } from "../../realtime/subscribers.ts";
import { AppError } from "../../errors.ts";
import { createHarness, type Harness } from "../../test/harness.ts";
import { markRead, markReadByCustomer, receiveCustomerMessage, sendAgentReply, signalAgentTyping, signalCustomerTyping } from "./index.ts";
import { makeAgent } from "./test-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

async function activeConversation(agentId: number) {
  const received = await receiveCustomerMessage(h.db, { channel: "WEB", externalUserId: `v-${crypto.randomUUID()}`, clientId: "c1", body: "你好" });
  await h.db.conversation.update({ where: { id: received.conversationId }, data: { status: "ACTIVE", assigneeId: agentId } });
  const conversation = await h.db.conversation.findUniqueOrThrow({ where: { id: received.conversationId }, select: { id: true, customerId: true } });
  return { ...conversation, customerMessageId: received.messageId };
}

/** The code and field a service call is refused with. */
async function outcome(call: () => Promise<unknown>): Promise<{ appCode: string; field?: string }> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AppError) return { appCode: error.code, field: error.field };
    throw error;
  }
  return { appCode: "OK" };
}

const receipts = (id: number) => h.db.conversation.findUniqueOrThrow({ where: { id }, select: { agentReadMessageId: true, customerReadMessageId: true } });

describe("read receipts", () => {
  it("moves the agent's receipt when the assignee reads, not when a supervisor looks in", async () => {
    const agent = await makeAgent(h.db);
    const conversation = await activeConversation(agent.id);
    await markRead(h.db, h.users.SUPERVISOR, { conversationId: conversation.id });
    expect(await receipts(conversation.id)).toEqual({ agentReadMessageId: 0, customerReadMessageId: 0 });
    await markRead(h.db, agent, { conversationId: conversation.id });
    expect((await receipts(conversation.id)).agentReadMessageId).toBe(conversation.customerMessageId);
  });

  it("moves the customer's receipt forward only, for their own conversation's messages", async () => {
    const agent = await makeAgent(h.db);
    const conversation = await activeConversation(agent.id);
    const reply = await sendAgentReply(h.db, agent, { conversationId: conversation.id, body: "您好，请问有什么可以帮您？" });
    const read = await markReadByCustomer(h.db, { conversationId: conversation.id, customerId: conversation.customerId, messageId: reply.messageId });
    expect(read.lastReadMessageId).toBe(reply.messageId);
    await markReadByCustomer(h.db, { conversationId: conversation.id, customerId: conversation.customerId, messageId: conversation.customerMessageId });
    expect((await receipts(conversation.id)).customerReadMessageId).toBe(reply.messageId);

    const other = await activeConversation(agent.id);
    const foreign = await outcome(() =>
      markReadByCustomer(h.db, { conversationId: other.id, customerId: conversation.customerId, messageId: other.customerMessageId }),
    );
    expect(foreign).toMatchObject({ appCode: "NOT_FOUND", field: "messageId" });
    const crossed = await outcome(() =>
      markReadByCustomer(h.db, { conversationId: conversation.id, customerId: conversation.customerId, messageId: other.customerMessageId }),
    );
    expect(crossed).toMatchObject({ appCode: "NOT_FOUND" });
    const invalid = await outcome(() => markReadByCustomer(h.db, { conversationId: conversation.id, customerId: conversation.customerId, messageId: -1 }));
    expect(invalid).toMatchObject({ appCode: "INVALID_INPUT", field: "messageId" });
  });

  it("publishes a moved receipt on the conversation channel", async () => {
    const agent = await makeAgent(h.db);
    const conversation = await activeConversation(agent.id);
    const publications = await conversationPublications(h.db, [
      { type: "conversation.receipt", conversationId: conversation.id, reader: "CUSTOMER", lastReadMessageId: 9 },
    ]);
    expect(publications).toEqual([
      {
        channel: `private-conversation-${conversation.id}`,
        event: "conversation.receipt",
        data: { id: conversation.id, reader: "CUSTOMER", lastReadMessageId: 9 },
      },
    ]);
  });

  it("shows the customer's receipt on the agent's conversation", async () => {
    const agent = await makeAgent(h.db);
    const conversation = await activeConversation(agent.id);
    const reply = await sendAgentReply(h.db, agent, { conversationId: conversation.id, body: "好的" });
    await markReadByCustomer(h.db, { conversationId: conversation.id, customerId: conversation.customerId, messageId: reply.messageId });
    const detail = await h.callerFor(agent).conversation.get({ id: conversation.id });
    expect(detail.customerReadMessageId).toBe(reply.messageId);
  });
});

describe("typing signals", () => {
  it("publishes at most one per side every two seconds, and only from someone who may reply", async () => {
    const agent = await makeAgent(h.db);
    const stranger = await makeAgent(h.db);
    const conversation = await activeConversation(agent.id);
    expect(await signalAgentTyping(h.db, agent, conversation.id)).toEqual({ published: true });
    expect(await signalAgentTyping(h.db, agent, conversation.id)).toEqual({ published: false });
    expect(await signalCustomerTyping(conversation.id)).toEqual({ published: true });
    expect(await outcome(() => signalAgentTyping(h.db, stranger, conversation.id))).toMatchObject({ appCode: "FORBIDDEN" });
    expect(await outcome(() => signalAgentTyping(h.db, agent, 999_999))).toMatchObject({ appCode: "NOT_FOUND" });
  });

  it("writes no audit row for the typing signal", async () => {
    const agent = await makeAgent(h.db);
    const conversation = await activeConversation(agent.id);
    const before = await h.db.auditLog.count();
    await h.callerFor(agent).conversation.typing({ id: conversation.id });
    expect(await h.db.auditLog.count()).toBe(before);
  });
});
