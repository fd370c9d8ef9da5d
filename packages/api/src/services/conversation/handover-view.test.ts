/** After a hand-over the previous agent still reads the conversation (their open pane, their links) but may not act. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, outcome, type Harness } from "../../test/harness.ts";
import { makeAgent, makeConversation, makeTeam, quiesce } from "./test-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("reading a conversation after handing it over", () => {
  it("shows the previous agent who has it now, read-only, and keeps strangers out", async () => {
    const sales = await makeTeam(h.db);
    const service = await makeTeam(h.db);
    const from = await makeAgent(h.db, { teamIds: [sales.id] });
    const to = await makeAgent(h.db, { teamIds: [service.id] });
    const stranger = await makeAgent(h.db, { teamIds: [sales.id] });
    const conversation = await makeConversation(h.db, { status: "ACTIVE", teamId: sales.id, assigneeId: from.id });

    expect(await h.callerFor(from).conversation.get({ id: conversation.id })).toMatchObject({ canAct: true, handedOnByMe: false });
    await h.callerFor(from).conversation.transfer({ id: conversation.id, toUserId: to.id, toTeamId: service.id, note: "客户要开专票" });

    const after = await h.callerFor(from).conversation.get({ id: conversation.id });
    expect(after).toMatchObject({ canAct: false, handedOnByMe: true, status: "ACTIVE", assignee: { id: to.id, name: to.name } });
    expect((await h.callerFor(from).conversation.messages({ id: conversation.id })).items.length).toBeGreaterThan(0);
    expect(await outcome(() => h.callerFor(from).conversation.reply({ id: conversation.id, body: "还在吗" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(() => h.callerFor(from).conversation.pause({ id: conversation.id }))).toMatchObject({ code: "FORBIDDEN" });

    // the new holder acts; a former team-mate of the old team, who never held it, no longer sees it
    expect(await h.callerFor(to).conversation.get({ id: conversation.id })).toMatchObject({ canAct: true, handedOnByMe: false });
    expect(await outcome(() => h.callerFor(stranger).conversation.get({ id: conversation.id }))).toMatchObject({ code: "FORBIDDEN" });
    await quiesce(h);
  });
});
