/**
 * Live-update latency: a customer message goes through the real ingestion path (the service the
 * widget and channel APIs call: transaction, commit, publish) to a real soketi server, and a pusher-js client
 * subscribed like the monitor page and the agent's workspace times its arrival. In the same run, interleaved, a bare
 * soketi publish → receive round trip on a private channel gives the floor those figures are compared with.
 *
 *   pnpm bench:realtime                    # 2,000 messages
 *   BENCH_MESSAGES=5000 pnpm bench:realtime
 *
 * Writes bench/results/realtime.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@kefu/db/test-database";
import PusherClient from "pusher-js";
import { onShutdown, shutdown } from "../scripts/lib/processes.ts";
import { ensureSoketi, realtimeEnv, realtimeSettings } from "../scripts/lib/services.ts";

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), "results", "realtime.json");
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2_000);
const WARM_UP = 100;
const CONVERSATIONS = 20;
const BUDGET_P95_MS = 50;
const TIMEOUT_MS = 5_000;

const settings = realtimeSettings(Number(process.env.BENCH_PUSHER_PORT ?? 6051));
Object.assign(process.env, realtimeEnv(settings), { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
await ensureSoketi(settings);

// imported after the environment names this run's soketi
const { getPusher } = await import("../packages/api/src/realtime/pusher.ts");
const { channels } = await import("../packages/api/src/realtime/channels.ts");
const { handoffToQueue, receiveCustomerMessage } = await import("../packages/api/src/services/conversation/index.ts");
const { makeAgent, makeTeam } = await import("../packages/api/src/services/conversation/test-fixtures.ts");
const { percentile } = await import("../packages/api/src/services/knowledge/evaluation.ts");

const database = await createTestDatabase("kefu_bench_rt");
onShutdown(() => database.drop());
const db = database.db;

/**
 * Arrival times of events by key. An event may arrive before its waiter is registered (the publish completes inside
 * the call being timed), so early arrivals are kept until asked for.
 */
class Arrivals {
  constructor(readonly name: string) {}
  private waiting = new Map<string, (at: number) => void>();
  private early = new Map<string, number>();
  expect(key: string): Promise<number> {
    const at = this.early.get(key);
    if (at !== undefined) {
      this.early.delete(key);
      return Promise.resolve(at);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`no ${this.name} event for ${key} within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
      this.waiting.set(key, (arrivedAt) => {
        clearTimeout(timer);
        resolve(arrivedAt);
      });
    });
  }
  arrived(key: string) {
    const at = performance.now();
    const settle = this.waiting.get(key);
    if (settle) {
      this.waiting.delete(key);
      settle(at);
    } else this.early.set(key, at);
  }
}

function summary(values: number[]) {
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    count: values.length,
    mean: round(values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length)),
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
  };
}

try {
  // a team with one agent holding CONVERSATIONS active API-channel conversations
  const team = await makeTeam(db, { replyTimeoutSeconds: 0 });
  const agent = await makeAgent(db, { teamIds: [team.id], maxConcurrent: CONVERSATIONS });
  const conversations: { id: number; userId: string }[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const userId = `bench-${i}`;
    const first = await receiveCustomerMessage(db, {
      channel: "API",
      externalUserId: userId,
      clientId: `open-${i}`,
      body: "你好，我想咨询一下订单",
      teamId: team.id,
    });
    const routed = await handoffToQueue(db, first.conversationId, { reason: "customer_request" });
    if (routed.status !== "ACTIVE") throw new Error(`conversation ${first.conversationId} was not assigned (${routed.status})`);
    conversations.push({ id: first.conversationId, userId });
  }

  const server = getPusher();
  const client = new PusherClient(settings.key, {
    cluster: "mt1",
    wsHost: settings.host,
    wsPort: settings.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    channelAuthorization: {
      endpoint: "/unused",
      transport: "ajax",
      customHandler: (params, callback) => callback(null, server.authorizeChannel(params.socketId, params.channelName)),
    },
  });
  const monitor = new Arrivals("monitor");
  const agentScreen = new Arrivals("agent");
  const bare = new Arrivals("bare");
  const subscribed = (name: string) =>
    new Promise<ReturnType<typeof client.subscribe>>((resolve, reject) => {
      const channel = client.subscribe(name);
      channel.bind("pusher:subscription_succeeded", () => resolve(channel));
      channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`${name}: ${JSON.stringify(error)}`)));
    });
  const [monitorChannel, agentChannel, benchChannel] = await Promise.all([
    subscribed(channels.monitor),
    subscribed(channels.agent(agent.id)),
    subscribed("private-bench"),
  ]);
  // the monitor counts "replies waiting" from this event; the workspace fetches the message on this one
  monitorChannel.bind("monitor.message", (data: { conversationId: number; senderType: string }) => {
    if (data.senderType === "CUSTOMER") monitor.arrived(String(data.conversationId));
  });
  agentChannel.bind("message.created", (data: { id: number }) => agentScreen.arrived(String(data.id)));
  benchChannel.bind("ping", (data: { n: number }) => bare.arrived(String(data.n)));

  const spineMonitor: number[] = [];
  const spineAgent: number[] = [];
  const bareRoundTrip: number[] = [];
  for (let n = 0; n < WARM_UP + MESSAGES; n++) {
    const measured = n >= WARM_UP;

    const pingStarted = performance.now();
    const ping = bare.expect(String(n));
    await server.trigger("private-bench", "ping", { n });
    const pingAt = await ping;
    if (measured) bareRoundTrip.push(pingAt - pingStarted);

    const conversation = conversations[n % conversations.length]!;
    const started = performance.now();
    const onMonitor = monitor.expect(String(conversation.id));
    const received = await receiveCustomerMessage(db, {
      channel: "API",
      externalUserId: conversation.userId,
      clientId: `bench-${n}`,
      body: `第 ${n} 条消息：请帮我查一下物流`,
    });
    const onAgent = agentScreen.expect(String(received.messageId));
    const [monitorAt, agentAt] = await Promise.all([onMonitor, onAgent]);
    if (measured) {
      spineMonitor.push(monitorAt - started);
      spineAgent.push(agentAt - started);
    }
  }
  client.disconnect();

  const figures = {
    measuredAt: new Date().toISOString(),
    messages: MESSAGES,
    warmUp: WARM_UP,
    conversations: CONVERSATIONS,
    transport: `soketi on ${settings.host}:${settings.port}, official pusher + pusher-js clients`,
    customerMessageToMonitorMs: summary(spineMonitor),
    customerMessageToAgentMs: summary(spineAgent),
    bareSoketiRoundTripMs: summary(bareRoundTrip),
    ratio: {
      monitorP50: Math.round((percentile(spineMonitor, 50) / percentile(bareRoundTrip, 50)) * 100) / 100,
      monitorP95: Math.round((percentile(spineMonitor, 95) / percentile(bareRoundTrip, 95)) * 100) / 100,
      agentP95: Math.round((percentile(spineAgent, 95) / percentile(bareRoundTrip, 95)) * 100) / 100,
    },
    budget: { p95Ms: BUDGET_P95_MS, met: percentile(spineMonitor, 95) <= BUDGET_P95_MS && percentile(spineAgent, 95) <= BUDGET_P95_MS },
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
  const line = (label: string, s: ReturnType<typeof summary>) =>
    `${label.padEnd(34)} p50 ${String(s.p50).padStart(7)} ms   p95 ${String(s.p95).padStart(7)} ms   p99 ${String(s.p99).padStart(7)} ms`;
  console.log(line("customer message → monitor", figures.customerMessageToMonitorMs));
  console.log(line("customer message → agent's screen", figures.customerMessageToAgentMs));
  console.log(line("bare soketi publish → receive", figures.bareSoketiRoundTripMs));
  console.log(`ratio to bare round trip: monitor p50 ×${figures.ratio.monitorP50}, p95 ×${figures.ratio.monitorP95}; agent p95 ×${figures.ratio.agentP95}`);
  console.log(`budget p95 ≤ ${BUDGET_P95_MS} ms: ${figures.budget.met ? "met" : "NOT met"}`);
  console.log(`written to ${RESULTS}`);
  await shutdown(0);
} catch (error) {
  console.error(error);
  await shutdown(1);
}
