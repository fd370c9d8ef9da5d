/** Role home pages: each role gets its own figures, read from the metrics as the conversations move. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createHarness, type Harness } from "../../test/harness.ts";
import { handoffToQueue, receiveCustomerMessage, resolveConversation } from "../conversation/index.ts";
import { makeAgent, makeTeam } from "../conversation/test-fixtures.ts";
import { operationKpis, todaySoFar } from "../metrics/index.ts";

vi.mock("../../realtime/pusher.ts", () => ({ publish: vi.fn(() => Promise.resolve()), getPusher: vi.fn(), realtimeClientConfig: vi.fn() }));

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.database.drop();
});

let visitor = 0;
const message = () => ({ channel: "WEB" as const, externalUserId: `home-${++visitor}`, clientId: `home-c-${visitor}`, body: "我的快递到哪了" });

describe("home.summary", () => {
  it("shows an agent their conversations, their teams' queue and their day, and nothing of the others'", async () => {
    const team = await makeTeam(h.db);
    const agent = await makeAgent(h.db, { teamIds: [team.id], maxConcurrent: 1 });
    const first = await receiveCustomerMessage(h.db, message());
    expect(await handoffToQueue(h.db, first.conversationId, { reason: "customer_request", teamId: team.id })).toMatchObject({ assigneeId: agent.id });
    const second = await receiveCustomerMessage(h.db, message());
    expect(await handoffToQueue(h.db, second.conversationId, { reason: "customer_request", teamId: team.id })).toMatchObject({ status: "QUEUED" });

    const caller = h.callerFor(agent);
    const before = await caller.home.summary();
    expect(before).toMatchObject({ operation: null, system: null, quality: null });
    expect(before.agent).toMatchObject({
      open: 1,
      paused: 0,
      waitingReply: 1,
      queued: 1,
      today: { resolved: 0, assigned: 1, transferred: 0, csatResponses: 0 },
    });

    await resolveConversation(h.db, agent, { conversationId: first.conversationId, resolutionCategory: "问题已解决" });
    const after = await caller.home.summary();
    // the queued conversation took the freed slot
    expect(after.agent).toMatchObject({ open: 1, waitingReply: 1, queued: 0, longestQueuedSeconds: 0, today: { resolved: 1, assigned: 2 } });
  });

  it("shows supervisors the operation, admins the system too, QA the day's satisfaction", async () => {
    const supervisor = await h.callerFor(h.users.SUPERVISOR).home.summary();
    const kpis = await operationKpis(h.db, todaySoFar(new Date()), { live: true });
    expect(supervisor).toMatchObject({ agent: null, system: null, quality: null });
    expect(supervisor.operation).toMatchObject({
      queued: kpis.conversations.QUEUED,
      active: kpis.conversations.ACTIVE,
      resolved: kpis.resolved,
      openAlerts: 0,
    });
    expect(supervisor.operation!.resolved).toBeGreaterThan(0);

    const admin = await h.callerFor(h.users.ADMIN).home.summary();
    expect(admin.operation).toEqual(supervisor.operation);
    expect(admin.system).toMatchObject({ securityAlerts: 0 });
    // the database answers; the realtime server may not run beside these tests
    expect(["ok", "degraded"]).toContain(admin.system!.health);
    expect(admin.system!.jobs.PENDING).toBe(await h.db.job.count({ where: { status: "PENDING" } }));

    const qa = await h.callerFor(h.users.QA).home.summary();
    expect(qa).toMatchObject({ agent: null, operation: null, system: null, quality: { resolved: kpis.resolved, csatResponses: 0, csat: null } });
  });
});
