/**
 * Subscribers of domain events, registered once when the process starts (`registerCoreSubscribers` in
 * ../subscribers.ts). Two kinds (docs/architecture.md, "Domain events"):
 * - after commit: best effort, in this process, once per committed unit of work with all its events in order
 *   (realtime publishing, monitor deltas, alert evaluation). A failure is logged; the change stands and clients
 *   recover through gap fill and snapshots.
 * - outbox: for work that must never be missed or leaves the process (rollups, webhooks, CRM sync). Each matching
 *   event becomes a job written in the same transaction as the change, run by a worker with retries.
 */
import type { Db, Prisma } from "@kefu/db/client";
import { logger } from "../logger.ts";
import type { DomainEvent, DomainEventType } from "./catalogue.ts";

export interface SubscriberContext {
  db: Db;
  /** an outbox subscriber's own job id (in the worker): ids follow commit order within one conversation */
  jobId?: number;
}

export interface AfterCommitSubscriber {
  name: string;
  delivery: "after-commit";
  /** the event types it wants; the handler receives only those, in the order they happened */
  events: readonly DomainEventType[];
  handle: (events: readonly DomainEvent[], context: SubscriberContext) => Promise<void>;
}

export interface OutboxSubscriber {
  name: string;
  delivery: "outbox";
  events: readonly DomainEventType[];
  /** runs in a worker, at least once per event: must be idempotent (the job id and the event say which) */
  handle: (event: DomainEvent, context: SubscriberContext) => Promise<void>;
  /**
   * Narrows `events` by the event's content (or by what the transaction can read, e.g. whether anyone listens), so
   * no job is written for events it would ignore. Runs inside the unit of work's transaction.
   */
  accepts?: (event: DomainEvent, tx: Prisma.TransactionClient) => boolean | Promise<boolean>;
  maxAttempts?: number;
  /**
   * events of one unit of work with the same key travel as one job (the first of them): for a handler that
   * re-derives its state from the rows (the reports' rollups per conversation), not from the event itself
   */
  coalesceKey?: (event: DomainEvent) => string;
}

export type Subscriber = AfterCommitSubscriber | OutboxSubscriber;

const OUTBOX_JOB_PREFIX = "event.";

const subscribers = new Map<string, Subscriber>();

/** Adds a subscriber; its name is unique (registering the same name again is refused). */
export function subscribe(subscriber: Subscriber): () => void {
  if (subscribers.has(subscriber.name)) throw new Error(`A subscriber named ${subscriber.name} is already registered`);
  subscribers.set(subscriber.name, subscriber);
  return () => {
    if (subscribers.get(subscriber.name) === subscriber) subscribers.delete(subscriber.name);
  };
}

export function isSubscribed(name: string): boolean {
  return subscribers.has(name);
}

export async function outboxSubscribersFor(event: DomainEvent, tx: Prisma.TransactionClient): Promise<OutboxSubscriber[]> {
  const wanted: OutboxSubscriber[] = [];
  for (const subscriber of subscribers.values())
    if (subscriber.delivery === "outbox" && subscriber.events.includes(event.type) && (subscriber.accepts ? await subscriber.accepts(event, tx) : true))
      wanted.push(subscriber);
  return wanted;
}

/** The job type an outbox subscriber's events travel under. */
export function outboxJobType(subscriberName: string): string {
  return `${OUTBOX_JOB_PREFIX}${subscriberName}`;
}

/** The outbox subscriber behind a job type, or null when the job is not a domain-event delivery. */
export function outboxSubscriberForJob(jobType: string): OutboxSubscriber | null {
  if (!jobType.startsWith(OUTBOX_JOB_PREFIX)) return null;
  const subscriber = subscribers.get(jobType.slice(OUTBOX_JOB_PREFIX.length));
  return subscriber?.delivery === "outbox" ? subscriber : null;
}

/** Hands a committed unit of work's events to every after-commit subscriber, in registration order. Never throws. */
export async function dispatchAfterCommit(events: readonly DomainEvent[], context: SubscriberContext): Promise<void> {
  if (events.length === 0) return;
  for (const subscriber of subscribers.values()) {
    if (subscriber.delivery !== "after-commit") continue;
    const wanted = events.filter((event) => subscriber.events.includes(event.type));
    if (wanted.length === 0) continue;
    try {
      await subscriber.handle(wanted, context);
    } catch (error) {
      logger.warn({ err: error, subscriber: subscriber.name }, "after-commit subscriber failed");
    }
  }
}
