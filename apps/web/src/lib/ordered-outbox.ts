/**
 * Messages a person sent, delivered one after the other in the order they were written. A delivery that fails for
 * a passing reason (no network, the server restarting, too many messages) holds that message and every one after
 * it, "waiting", and tries again by itself: after a back-off (1 s, doubling to 30 s) or at once when the browser says
 * it is online again. A message the server refuses for good is "failed" and the next one goes on. Every delivery of
 * one message carries the same client id, so the server stores it once however often it is sent.
 */
export type OutboxState = "sending" | "waiting" | "failed" | "sent";

export interface OutboxOptions<T> {
  deliver: (item: T) => Promise<void>;
  /** whether a failure is worth trying again (network, 5xx, 429) rather than a refusal */
  isTransient: (error: unknown) => boolean;
  onState: (clientId: string, state: OutboxState, error?: unknown) => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export class OrderedOutbox<T extends { clientId: string }> {
  private readonly queue: T[] = [];
  private draining = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private options: OutboxOptions<T>) {}

  /** the latest delivery function (it closes over the page's current state) */
  update(options: Partial<OutboxOptions<T>>) {
    this.options = { ...this.options, ...options };
  }

  enqueue(item: T) {
    if (this.queue.some((queued) => queued.clientId === item.clientId)) return;
    this.queue.push(item);
    this.options.onState(item.clientId, this.timer ? "waiting" : "sending");
    if (!this.timer) void this.drain();
  }

  /** try now (the browser is online again) */
  resume() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.drain();
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get size() {
    return this.queue.length;
  }

  private async drain() {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const item = this.queue[0]!;
        this.options.onState(item.clientId, "sending");
        try {
          await this.options.deliver(item);
          this.queue.shift();
          this.attempt = 0;
          this.options.onState(item.clientId, "sent");
        } catch (error) {
          if (this.options.isTransient(error)) {
            for (const waiting of this.queue) this.options.onState(waiting.clientId, "waiting", error);
            const delay = Math.min(this.options.maxDelayMs ?? 30_000, (this.options.baseDelayMs ?? 1_000) * 2 ** this.attempt++);
            this.timer = setTimeout(() => {
              this.timer = null;
              void this.drain();
            }, delay);
            return;
          }
          this.queue.shift();
          this.options.onState(item.clientId, "failed", error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
