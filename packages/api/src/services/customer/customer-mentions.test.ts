/** A colleague @mentioned in a customer note is told on their own realtime channel; an edit tells only those it adds. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { channels } from "../../contracts/realtime.ts";
import { publish } from "../../realtime/pusher.ts";
import { createHarness, type Harness } from "../../test/harness.ts";
import { makeAgent, makeConversation, makeCustomer } from "../conversation/test-fixtures.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});
beforeEach(() => {
  vi.mocked(publish).mockClear();
});

const mentionsTo = () => vi.mocked(publish).mock.calls.filter(([, event]) => event === "customer.mentioned");

describe("note mentions", () => {
  it("publishes to each mentioned colleague, not to the author, and on edit only to the ones added", async () => {
    const author = await makeAgent(h.db);
    const first = await makeAgent(h.db);
    const second = await makeAgent(h.db);
    const customer = await makeCustomer(h.db);
    await makeConversation(h.db, { status: "ACTIVE", assigneeId: author.id, customerId: customer.id });

    const note = await h.callerFor(author).customer.createNote({ customerId: customer.id, body: "请跟进", mentions: [first.id, author.id] });
    expect(mentionsTo()).toEqual([[channels.agent(first.id), "customer.mentioned", { noteId: note.id, customerId: customer.id, authorName: author.name }]]);

    vi.mocked(publish).mockClear();
    await h.callerFor(author).customer.updateNote({ id: note.id, body: "请两位跟进", mentions: [first.id, second.id] });
    expect(mentionsTo().map(([channel]) => channel)).toEqual([channels.agent(second.id)]);

    vi.mocked(publish).mockClear();
    await h.callerFor(author).customer.createNote({ customerId: customer.id, body: "无提及" });
    expect(mentionsTo()).toEqual([]);
  });
});
