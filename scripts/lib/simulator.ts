/**
 * Simulated customers for demos and load (`pnpm simulate`): each one goes through the chat widget's public API
 * exactly as /chat does — a visitor session, questions to the bot, sometimes 转人工, waiting in the queue (and
 * leaving it when out of patience), talking to the agent, rating the service once it ends.
 *
 * Every simulated customer sends its own X-Forwarded-For address, as customers behind the deployment's proxy do,
 * so the per-IP limits of the widget API apply per customer, not to the whole simulation.
 */
import { randomUUID } from "node:crypto";
import { KNOWLEDGE_EVALUATION_SET, OUT_OF_SCOPE_QUESTIONS } from "../../packages/api/src/services/knowledge/evaluation-set.ts";
import { percentile } from "../../packages/api/src/services/knowledge/evaluation.ts";

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface SimulationOptions {
  /** the web app's URL, e.g. http://localhost:3000 */
  baseUrl: string;
  /** customers chatting at the same time */
  customers: number;
  /** keep replacing customers who finish until this many seconds passed; 0: every customer runs once */
  durationSeconds: number;
  /** share of customers who ask for a person (0–1) */
  handoffRate: number;
  /** seconds a customer waits in the queue, or for an agent's reply, before giving up */
  patienceSeconds: number;
  /** typical pause between a customer's actions, in ms (varies ±50 %) */
  thinkMs: number;
  /** how often a waiting customer checks the conversation, in ms */
  pollMs: number;
  /** starts are spread over this many seconds */
  rampSeconds: number;
  /** the team new conversations go to (the embed's data-team); default team when omitted */
  teamId?: number;
  seed?: number;
  fetch?: Fetch;
  /** called with a line of progress now and then */
  onProgress?: (line: string) => void;
  /** stops the simulation early (Ctrl-C) */
  signal?: AbortSignal;
}

export interface SimulationReport {
  startedAt: string;
  seconds: number;
  options: Omit<SimulationOptions, "fetch" | "onProgress" | "signal">;
  customers: { started: number; finished: number };
  messages: { sent: number; acknowledged: number; failed: number; perSecond: number };
  conversations: {
    started: number;
    botAnswers: number;
    handoffs: number;
    assigned: number;
    agentReplies: number;
    abandoned: number;
    resolved: number;
    csatSubmitted: number;
  };
  latencyMs: { messagePost: { p50: number; p95: number; p99: number; max: number } };
  errors: Record<string, number>;
}

interface Counters {
  started: number;
  finished: number;
  sent: number;
  acknowledged: number;
  failed: number;
  conversations: number;
  botAnswers: number;
  handoffs: number;
  assigned: number;
  agentReplies: number;
  abandoned: number;
  resolved: number;
  csatSubmitted: number;
  postLatencies: number[];
  errors: Map<string, number>;
}

interface WidgetMessage {
  id: number;
  senderType: "CUSTOMER" | "AGENT" | "BOT" | "SYSTEM";
  kind: string;
  body: string;
}

interface WidgetState {
  conversation: { id: number; status: string; position: number | null; csat: { available: boolean } } | null;
}

class WidgetError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

const NAMES = ["王先生", "李女士", "张女士", "刘先生", "陈女士", "杨先生", "赵女士", "黄先生", "周女士", "吴先生", "徐女士", "孙先生"];
const FOLLOW_UPS = ["好的，麻烦帮我看一下", "订单号是 2026112512345，谢谢", "我已经等了好几天了", "能不能尽快处理？", "好的，明白了，谢谢"];
const THANKS = ["好的谢谢", "明白了，谢谢你", "行，辛苦了"];

/** A small deterministic generator, so a seeded run asks the same things in the same order. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

class SimulatedCustomer {
  private token: string | null = null;
  private lastId = 0;
  private readonly ip: string;

  constructor(
    private readonly n: number,
    private readonly options: SimulationOptions,
    private readonly counters: Counters,
    private readonly rng: ReturnType<typeof random>,
  ) {
    this.ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  private async call<T>(path: string, init: { method?: "GET" | "POST"; json?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { origin: this.options.baseUrl, "x-forwarded-for": this.ip };
    if (this.token) headers.authorization = `Visitor ${this.token}`;
    if (init.json !== undefined) headers["content-type"] = "application/json";
    const response = await (this.options.fetch ?? fetch)(`${this.options.baseUrl}${path}`, {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const data = (await response.json().catch(() => ({}))) as T & { error?: { code?: string } };
    if (!response.ok) throw new WidgetError(response.status, data.error?.code ?? `HTTP_${response.status}`);
    return data;
  }

  private think(factor = 1) {
    const base = this.options.thinkMs * factor;
    return sleep(base / 2 + this.rng.next() * base, this.options.signal);
  }

  private get stopped() {
    return this.options.signal?.aborted ?? false;
  }

  private async say(body: string, extra: Record<string, unknown> = {}): Promise<boolean> {
    const clientId = randomUUID();
    this.counters.sent++;
    // a failed POST is retried with the same clientId, as the widget does: the server stores it once
    for (let attempt = 1; attempt <= 3; attempt++) {
      const started = performance.now();
      try {
        await this.call("/api/v1/widget/messages", { json: { clientId, body, ...extra } });
        this.counters.postLatencies.push(performance.now() - started);
        this.counters.acknowledged++;
        return true;
      } catch (error) {
        const code = error instanceof WidgetError ? error.code : "NETWORK";
        this.counters.errors.set(code, (this.counters.errors.get(code) ?? 0) + 1);
        if (error instanceof WidgetError && error.status < 500 && error.code !== "RATE_LIMITED") break;
        await sleep(250 * attempt, this.options.signal);
      }
    }
    this.counters.failed++;
    return false;
  }

  /** New messages since the last look. */
  private async newMessages(): Promise<WidgetMessage[]> {
    const page = await this.call<{ items: WidgetMessage[] }>(`/api/v1/widget/messages${this.lastId ? `?after=${this.lastId}` : ""}`);
    if (page.items.length) this.lastId = page.items[page.items.length - 1]!.id;
    return page.items;
  }

  private state() {
    return this.call<WidgetState>("/api/v1/widget/state");
  }

  /** Waits until `done` holds for the conversation, or patience runs out; counts what arrives meanwhile. */
  private async waitFor(done: (state: WidgetState, fresh: WidgetMessage[]) => boolean): Promise<WidgetState | null> {
    const deadline = Date.now() + this.options.patienceSeconds * 1000;
    while (!this.stopped && Date.now() < deadline) {
      const fresh = await this.newMessages();
      this.tally(fresh);
      const state = await this.state();
      if (done(state, fresh)) return state;
      await sleep(this.options.pollMs, this.options.signal);
    }
    return null;
  }

  private tally(messages: WidgetMessage[]) {
    for (const m of messages) {
      if (m.senderType === "BOT") this.counters.botAnswers++;
      if (m.senderType === "AGENT") this.counters.agentReplies++;
    }
  }

  async run(): Promise<void> {
    this.counters.started++;
    try {
      ({ token: this.token } = await this.call<{ token: string }>("/api/v1/widget/session", { method: "POST", json: {} }));
      const first: Record<string, unknown> = { name: this.rng.pick(NAMES) };
      if (this.options.teamId) first.teamId = this.options.teamId;
      // a phone number matches returning customers (and reopens their recent conversation), as in real life
      if (this.rng.next() < 0.3) first.phone = `139${String(this.rng.between(0, 99_999_999)).padStart(8, "0")}`;

      // questions to the bot: mostly ones the knowledge base answers, now and then one it cannot
      const questions = this.rng.between(1, 3);
      for (let i = 0; i < questions && !this.stopped; i++) {
        const question = this.rng.next() < 0.85 ? this.rng.pick(KNOWLEDGE_EVALUATION_SET).question : this.rng.pick(OUT_OF_SCOPE_QUESTIONS);
        if (!(await this.say(question, i === 0 ? first : {}))) return;
        if (i === 0) this.counters.conversations++;
        await this.think();
        this.tally(await this.newMessages());
      }
      const status = (await this.state()).conversation?.status;
      if (this.stopped) return;
      if (status === "BOT") {
        // most customers are done once the bot answered; the others ask for a person
        if (this.rng.next() >= this.options.handoffRate) return;
        if (!(await this.say("转人工"))) return;
      } else if (status !== "QUEUED" && status !== "ACTIVE") return;
      // asked for a person, or the bot handed over by itself (twice unsure, off hours, VIP)
      this.counters.handoffs++;
      await this.withPerson();
      if ((await this.state()).conversation?.status === "RESOLVED") this.counters.resolved++;
    } catch (error) {
      const code = error instanceof WidgetError ? error.code : "NETWORK";
      this.counters.errors.set(code, (this.counters.errors.get(code) ?? 0) + 1);
    } finally {
      this.counters.finished++;
    }
  }

  /** In the queue until an agent takes it (or patience ends: the customer leaves), then a short exchange. */
  private async withPerson() {
    const assigned = await this.waitFor((state) => state.conversation?.status !== "QUEUED");
    if (!assigned) {
      if (this.stopped) return;
      await this.call("/api/v1/widget/leave", { method: "POST", json: {} }).catch(() => undefined);
      this.counters.abandoned++;
      return;
    }
    if (assigned.conversation?.status !== "ACTIVE" && assigned.conversation?.status !== "PAUSED") return;
    this.counters.assigned++;
    await this.think();
    await this.say(this.rng.pick(FOLLOW_UPS));
    const answered = await this.waitFor((state, fresh) => fresh.some((m) => m.senderType === "AGENT") || state.conversation?.status === "RESOLVED");
    if (!answered) return;
    if (answered.conversation?.status !== "RESOLVED") {
      await this.think();
      await this.say(this.rng.pick(THANKS));
    }
    const ended = await this.waitFor((state) => state.conversation?.status === "RESOLVED");
    if (ended?.conversation?.csat.available) {
      await this.think(0.5);
      const score = this.rng.next() < 0.8 ? this.rng.between(4, 5) : this.rng.between(1, 3);
      await this.call("/api/v1/widget/csat", { json: { score, ...(score <= 3 ? { comment: "等待时间有点长" } : {}) } });
      this.counters.csatSubmitted++;
    }
  }
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const counters: Counters = {
    started: 0,
    finished: 0,
    sent: 0,
    acknowledged: 0,
    failed: 0,
    conversations: 0,
    botAnswers: 0,
    handoffs: 0,
    assigned: 0,
    agentReplies: 0,
    abandoned: 0,
    resolved: 0,
    csatSubmitted: 0,
    postLatencies: [],
    errors: new Map(),
  };
  const rng = random(options.seed ?? Date.now());
  const startedAt = new Date();
  const until = options.durationSeconds > 0 ? Date.now() + options.durationSeconds * 1000 : 0;
  let n = 0;
  const progress = setInterval(() => {
    options.onProgress?.(
      `customers ${counters.finished}/${counters.started} · messages ${counters.acknowledged}/${counters.sent} · handoffs ${counters.handoffs} · assigned ${counters.assigned} · agent replies ${counters.agentReplies} · abandoned ${counters.abandoned}`,
    );
  }, 5_000);

  const slot = async (index: number) => {
    await sleep((options.rampSeconds * 1000 * index) / Math.max(1, options.customers), options.signal);
    do {
      await new SimulatedCustomer(++n, options, counters, random(rng.between(1, 2 ** 31))).run();
    } while (until > 0 && Date.now() < until && !options.signal?.aborted);
  };
  try {
    await Promise.all(Array.from({ length: options.customers }, (_, index) => slot(index)));
  } finally {
    clearInterval(progress);
  }

  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const latencies = counters.postLatencies;
  const round = (value: number) => Math.round(value * 10) / 10;
  const { fetch: _fetch, onProgress: _onProgress, signal: _signal, ...reported } = options;
  return {
    startedAt: startedAt.toISOString(),
    seconds: round(seconds),
    options: reported,
    customers: { started: counters.started, finished: counters.finished },
    messages: {
      sent: counters.sent,
      acknowledged: counters.acknowledged,
      failed: counters.failed,
      perSecond: round(counters.acknowledged / Math.max(seconds, 0.001)),
    },
    conversations: {
      started: counters.conversations,
      botAnswers: counters.botAnswers,
      handoffs: counters.handoffs,
      assigned: counters.assigned,
      agentReplies: counters.agentReplies,
      abandoned: counters.abandoned,
      resolved: counters.resolved,
      csatSubmitted: counters.csatSubmitted,
    },
    latencyMs: {
      messagePost: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.length ? Math.max(...latencies) : 0),
      },
    },
    errors: Object.fromEntries(counters.errors),
  };
}
