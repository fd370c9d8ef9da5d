/**
 * Reactions through the outbox: warm the look-up when a conversation starts, push its summary when it is resolved,
 * and push a customer whose profile was edited or who absorbed another in a merge.
 */
import type { Prisma } from "@kefu/db/client";
import { CRM_SYNC_MAX_ATTEMPTS } from "../../contracts/crm.ts";
import type { OutboxSubscriber } from "../../domain-events/index.ts";
import { CRM_CONNECTION_ID } from "./connection.ts";
import { lookupCustomer } from "./lookup.ts";
import { syncConversationToCrm, syncCustomerToCrm } from "./sync.ts";

/** One look per transaction at the connection (a unit of work often records several events). */
const seen = new WeakMap<Prisma.TransactionClient, Promise<{ enabled: boolean; syncUrl: string | null } | null>>();
function connectionIn(tx: Prisma.TransactionClient) {
  let found = seen.get(tx);
  if (!found) {
    found = tx.crmConnection.findUnique({ where: { id: CRM_CONNECTION_ID }, select: { enabled: true, syncUrl: true } });
    seen.set(tx, found);
  }
  return found;
}

export const crmLookupSubscriber: OutboxSubscriber = {
  name: "crm.lookup",
  delivery: "outbox",
  events: ["conversation.created"],
  accepts: async (_event, tx) => (await connectionIn(tx))?.enabled === true,
  // a failed look-up is already a state (breaker, stale cache): the job never retries it
  maxAttempts: 1,
  handle: async (event, { db }) => {
    if (event.type !== "conversation.created") return;
    const conversation = await db.conversation.findUnique({ where: { id: event.conversation.id }, select: { customerId: true } });
    if (conversation) await lookupCustomer(db, conversation.customerId).catch(() => undefined);
  },
};

export const crmSyncSubscriber: OutboxSubscriber = {
  name: "crm.sync",
  delivery: "outbox",
  events: ["conversation.resolved"],
  accepts: async (_event, tx) => {
    const connection = await connectionIn(tx);
    return connection?.enabled === true && !!connection.syncUrl;
  },
  maxAttempts: CRM_SYNC_MAX_ATTEMPTS,
  handle: async (event, { db }) => {
    if (event.type !== "conversation.resolved") return;
    await syncConversationToCrm(db, event.conversation.id);
  },
};

/** A customer's profile edited, or another customer merged into it: the customer (the survivor) upserted in the CRM. */
export const crmCustomerSyncSubscriber: OutboxSubscriber = {
  name: "crm.customer",
  delivery: "outbox",
  events: ["customer.updated", "customer.merged"],
  accepts: async (_event, tx) => {
    const connection = await connectionIn(tx);
    return connection?.enabled === true && !!connection.syncUrl;
  },
  maxAttempts: CRM_SYNC_MAX_ATTEMPTS,
  handle: async (event, { db }) => {
    if (event.type !== "customer.updated" && event.type !== "customer.merged") return;
    await syncCustomerToCrm(db, event.customerId);
  },
};
