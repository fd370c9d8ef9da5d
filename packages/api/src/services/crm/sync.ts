/**
 * Sync to the CRM: a customer (upserted) and a conversation's summary (on resolve), through one of two adapters:
 * - GENERIC: a signed `POST <syncUrl>` with `{type: "customer.upsert" | "conversation.summary", customer, conversation?}`,
 *   the customer's `properties` named by the admins' field mapping;
 * - HUBSPOT: `POST <syncUrl>/crm/v3/objects/contacts/batch/upsert` with the secret as the bearer token, one input
 *   `{idProperty, id, properties}` (the summary as `kefu_last_conversation_*` properties of the contact).
 * A failure throws (the job is retried by the queue) after counting it on the connection for the admins.
 */
import type { Db } from "@kefu/db/client";
import { CRM_SYNC_MAX_ATTEMPTS, type CrmFieldMappingRow } from "../../contracts/crm.ts";
import { enqueueJob } from "../../job-queue/queue.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "../customer/index.ts";
import { privateWebhookUrlsAllowed } from "../webhook/index.ts";
import { CRM_CONNECTION_ID, loadCrmConnection, type LoadedConnection } from "./connection.ts";
import { crmCustomerOf, type CrmCustomer } from "./customer-identity.ts";
import { postToCrm } from "./http.ts";

export const CRM_SYNC_JOB = "crm.sync";

export interface SyncOptions {
  now?: Date;
  allowPrivate?: boolean;
}

export interface ConversationSummary {
  id: number;
  channel: string;
  subject: string | null;
  category: string | null;
  resolutionCategory: string | null;
  resolutionNote: string | null;
  agent: string | null;
  messageCount: number;
  csatScore: number | null;
  createdAt: string;
  resolvedAt: string | null;
}

/** The customer's properties as the CRM names them: the mapped fields, plus the console's id. */
export function mappedProperties(customer: CrmCustomer, mapping: CrmFieldMappingRow[]): Record<string, string | null> {
  const properties: Record<string, string | null> = {};
  for (const row of mapping) if (row.customerField) properties[row.crmField] = customer[row.customerField] ?? null;
  return properties;
}

function hubspotUrl(base: string): string {
  return `${base.replace(/\/+$/, "")}/crm/v3/objects/contacts/batch/upsert`;
}

function hubspotId(connection: LoadedConnection, customer: CrmCustomer): string {
  if (connection.idProperty === "email") {
    if (!customer.email) throw new Error("the customer has no email, HubSpot's id property");
    return customer.email;
  }
  return String(customer.id);
}

function requestFor(
  connection: LoadedConnection,
  customer: CrmCustomer,
  summary: ConversationSummary | null,
): { url: string; headers: Record<string, string>; body: unknown } {
  const properties = mappedProperties(customer, connection.fieldMapping);
  if (connection.adapter === "HUBSPOT") {
    const summaryProperties = summary
      ? {
          kefu_last_conversation_id: String(summary.id),
          kefu_last_conversation_summary: [summary.subject, summary.resolutionCategory, summary.resolutionNote].filter(Boolean).join(" · "),
          kefu_last_conversation_at: summary.resolvedAt ?? summary.createdAt,
        }
      : {};
    if (connection.idProperty !== "email") properties[connection.idProperty] = String(customer.id);
    return {
      url: hubspotUrl(connection.syncUrl!),
      headers: { authorization: `Bearer ${connection.secret}` },
      body: { inputs: [{ idProperty: connection.idProperty, id: hubspotId(connection, customer), properties: { ...properties, ...summaryProperties } }] },
    };
  }
  const customerBody = { id: customer.id, externalId: customer.externalId, properties };
  return {
    url: connection.syncUrl!,
    headers: {},
    body: summary ? { type: "conversation.summary", customer: customerBody, conversation: summary } : { type: "customer.upsert", customer: customerBody },
  };
}

async function recordSync(db: Db, error: string | null, now: Date) {
  await db.crmConnection.updateMany({
    where: { id: CRM_CONNECTION_ID },
    data: error ? { syncFailureCount: { increment: 1 }, lastSyncError: error.slice(0, 1000), lastSyncErrorAt: now } : { lastSyncSuccessAt: now },
  });
}

export type SyncOutcome = { status: "SKIPPED"; reason: "not_configured" | "no_sync_url" } | { status: "SYNCED" };

async function push(db: Db, customerId: number, summary: ConversationSummary | null, options: SyncOptions): Promise<SyncOutcome> {
  const now = options.now ?? new Date();
  const connection = await loadCrmConnection(db);
  if (!connection) return { status: "SKIPPED", reason: "not_configured" };
  if (!connection.syncUrl) return { status: "SKIPPED", reason: "no_sync_url" };
  const customer = await crmCustomerOf(db, customerId);
  let error: string | null;
  try {
    const request = requestFor(connection, customer, summary);
    const response = await postToCrm({
      ...request,
      secret: connection.secret,
      timeoutMs: connection.timeoutMs,
      allowPrivate: options.allowPrivate ?? privateWebhookUrlsAllowed(),
      now,
    });
    error =
      response.status !== null && response.status >= 200 && response.status < 300
        ? null
        : (response.error ?? `HTTP ${response.status}${response.body ? `: ${response.body.slice(0, 200)}` : ""}`);
  } catch (thrown) {
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  await recordSync(db, error, now);
  if (error) throw new Error(`CRM sync failed: ${error}`);
  return { status: "SYNCED" };
}

export function syncCustomerToCrm(db: Db, customerId: number, options: SyncOptions = {}): Promise<SyncOutcome> {
  return push(db, customerId, null, options);
}

export async function conversationSummaryOf(db: Db, conversationId: number) {
  const row = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      customerId: true,
      channel: true,
      subject: true,
      category: true,
      resolutionCategory: true,
      resolutionNote: true,
      csatScore: true,
      createdAt: true,
      resolvedAt: true,
      assignee: { select: { name: true } },
      _count: { select: { messages: { where: { senderType: { in: ["CUSTOMER", "AGENT", "BOT"] }, kind: { in: ["TEXT", "ATTACHMENT"] } } } } },
    },
  });
  if (!row) return null;
  const summary: ConversationSummary = {
    id: row.id,
    channel: row.channel,
    subject: row.subject,
    category: row.category,
    resolutionCategory: row.resolutionCategory,
    resolutionNote: row.resolutionNote,
    agent: row.assignee?.name ?? null,
    messageCount: row._count.messages,
    csatScore: row.csatScore,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
  return { customerId: row.customerId, summary };
}

export async function syncConversationToCrm(db: Db, conversationId: number, options: SyncOptions = {}): Promise<SyncOutcome> {
  const found = await conversationSummaryOf(db, conversationId);
  if (!found) return { status: "SKIPPED", reason: "not_configured" };
  return push(db, found.customerId, found.summary, options);
}

/** The agent's "sync to CRM" button: tried at once; a failure is handed to the queue's retries and said so. */
export async function syncCustomerNow(db: Db, actor: Actor, input: { customerId: number }, options: SyncOptions = {}) {
  await assertCanViewCustomer(db, actor, input.customerId);
  const connection = await loadCrmConnection(db);
  if (!connection) throw new AppError("CRM_NOT_CONFIGURED", { field: "customerId" });
  if (!connection.syncUrl) throw new AppError("CRM_SYNC_NOT_CONFIGURED", { field: "customerId" });
  try {
    await syncCustomerToCrm(db, input.customerId, options);
    return { status: "SYNCED" as const, error: null };
  } catch (error) {
    await enqueueJob(db, {
      type: CRM_SYNC_JOB,
      payload: { customerId: input.customerId },
      runAt: new Date((options.now ?? new Date()).getTime() + 30_000),
      maxAttempts: CRM_SYNC_MAX_ATTEMPTS,
    });
    return { status: "QUEUED" as const, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function runCrmSyncJob(db: Db, payload: unknown): Promise<void> {
  const customerId = (payload as { customerId?: unknown } | null)?.customerId;
  if (typeof customerId !== "number") throw new Error("crm.sync needs a customerId");
  await syncCustomerToCrm(db, customerId);
}
