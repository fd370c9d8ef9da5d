/**
 * The unit of work: one READ COMMITTED transaction that collects the domain events its service records.
 * Before commit, every event an outbox subscriber wants becomes a job in the same transaction; after commit, the
 * events go to the after-commit subscribers. A rolled-back or retried attempt hands nothing to anyone.
 *
 * READ COMMITTED because every statement must see the latest committed rows, which a `SELECT … FOR UPDATE`
 * followed by plain reads needs (REPEATABLE READ would read an older snapshot).
 */
import type { Db, Prisma } from "@kefu/db/client";
import { enqueueJob } from "../job-queue/queue.ts";
import type { DomainEvent } from "./catalogue.ts";
import { dispatchAfterCommit, outboxJobType, outboxSubscribersFor } from "./registry.ts";

export type Tx = Prisma.TransactionClient;

export class UnitOfWork {
  readonly #events: DomainEvent[] = [];

  constructor(readonly tx: Tx) {}

  /** Says what happened. Subscribers hear of it once the transaction has committed. */
  record(event: DomainEvent): void {
    this.#events.push(event);
  }

  get events(): readonly DomainEvent[] {
    return this.#events;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface DbErrorLike {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
}

/** Deadlocks (1213) and lock-wait timeouts (1205) are retried; so is a unique violation when the caller expects races on one. */
function isRetryable(error: unknown, retryUniqueViolation: boolean): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as DbErrorLike;
  if (code === "P2034" || (retryUniqueViolation && code === "P2002")) return true;
  const cause = meta?.driverAdapterError?.cause;
  return cause?.kind === "TransactionWriteConflict" || cause?.originalCode === "1213" || cause?.originalCode === "1205";
}

/** Writes one outbox job per (event, outbox subscriber) inside the transaction (fewer where a subscriber filters or coalesces). */
async function writeOutbox(uow: UnitOfWork): Promise<void> {
  const coalesced = new Set<string>();
  for (const event of uow.events) {
    for (const subscriber of await outboxSubscribersFor(event, uow.tx)) {
      if (subscriber.coalesceKey) {
        const key = `${subscriber.name}\u0000${subscriber.coalesceKey(event)}`;
        if (coalesced.has(key)) continue;
        coalesced.add(key);
      }
      await enqueueJob(uow.tx, {
        type: outboxJobType(subscriber.name),
        payload: event as unknown as Prisma.InputJsonObject,
        maxAttempts: subscriber.maxAttempts,
      });
    }
  }
}

export interface UnitOfWorkOptions {
  /** retry the whole attempt on a unique violation (callers that race on creating the same row) */
  retryUniqueViolation?: boolean;
}

export async function runUnitOfWork<T>(db: Db, work: (uow: UnitOfWork) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let uow: UnitOfWork | undefined;
    let result: T;
    try {
      result = await db.$transaction(
        async (tx) => {
          uow = new UnitOfWork(tx);
          const value = await work(uow);
          await writeOutbox(uow);
          return value;
        },
        { isolationLevel: "ReadCommitted", maxWait: 15_000, timeout: 30_000 },
      );
    } catch (error) {
      if (attempt >= 5 || !isRetryable(error, options.retryUniqueViolation ?? false)) throw error;
      await sleep(10 * attempt + Math.random() * 20);
      continue;
    }
    if (uow) await dispatchAfterCommit(uow.events, { db });
    return result;
  }
}
