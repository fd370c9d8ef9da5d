import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import { makeAgent, makeConversation, makeTeam } from "./test-fixtures.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

describe("workspace lists", () => {
  it("transferTargets offers ONLINE colleagues with a free slot, every team, and works for agents", async () => {
    const team = await makeTeam(h.db);
    const me = await makeAgent(h.db, { teamIds: [team.id] });
    const free = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 2 });
    const full = await makeAgent(h.db, { maxConcurrent: 1 });
    const away = await makeAgent(h.db, { presence: "AWAY" });
    await makeConversation(h.db, { status: "ACTIVE", assigneeId: full.id });
    await makeConversation(h.db, { status: "ACTIVE", assigneeId: free.id });

    const targets = await h.callerFor(me).conversation.listTransferTargets();
    const ids = targets.agents.map((a) => a.id);
    expect(ids).toContain(free.id);
    expect(ids).not.toContain(me.id);
    expect(ids).not.toContain(full.id);
    expect(ids).not.toContain(away.id);
    expect(targets.agents.find((a) => a.id === free.id)).toMatchObject({ open: 1, maxConcurrent: 2, teamIds: [team.id] });
    expect(targets.teams.find((t) => t.id === team.id)).toMatchObject({ name: team.name, mine: true });
    expect(await h.callerFor(me).conversation.listResolutionCategories()).toContain("问题已解决");
  });

  it("cannedReplies returns shared, own-team and personal replies only, personal first", async () => {
    const team = await makeTeam(h.db);
    const other = await makeTeam(h.db);
    const me = await makeAgent(h.db, { teamIds: [team.id] });
    const colleague = await makeAgent(h.db);
    await h.db.cannedReply.createMany({
      data: [
        { title: "共享", shortcut: "zz-shared", body: "shared" },
        { title: "本组", shortcut: "zz-team", body: "team", teamId: team.id },
        { title: "他组", shortcut: "zz-other", body: "other", teamId: other.id },
        { title: "我的", shortcut: "zz-mine", body: "mine", ownerId: me.id },
        { title: "同事的", shortcut: "zz-theirs", body: "theirs", ownerId: colleague.id },
      ],
    });
    const replies = (await h.callerFor(me).conversation.listCannedReplies()).filter((r) => r.shortcut.startsWith("zz-"));
    expect(replies.map((r) => r.shortcut)).toEqual(["zz-mine", "zz-team", "zz-shared"]);
    await expect(h.callerFor(h.users.QA).conversation.listCannedReplies()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
