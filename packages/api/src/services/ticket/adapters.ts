/**
 * Creating a ticket in the external system, one attempt. Every attempt for one ticket carries the same
 * idempotency key, so a retried creation never makes a second ticket:
 * - Zendesk-compatible: `POST /api/v2/tickets.json` with the `Idempotency-Key` header (the server answers a
 *   repeated key with the ticket it already made).
 * - Jira-compatible: Jira has no idempotency header; the key travels as the label `kefu-<key>`, and an attempt
 *   first searches for an issue with that label (`GET /rest/api/3/search/jql`) before `POST /rest/api/3/issue`.
 * - Generic REST: `POST <base URL>` with the `Idempotency-Key` header and a plain JSON body; the answer's `id`
 *   (and `url` when given) are kept.
 */
import { TICKET_PUSH_TIMEOUT_MS } from "../../contracts/ticket.ts";
import type { TicketSystemCredentials } from "./systems.ts";

export interface PushableTicket {
  id: number;
  subject: string;
  description: string;
  priority: "LOW" | "NORMAL" | "HIGH" | "URGENT";
  type: "QUESTION" | "PROBLEM" | "INCIDENT" | "TASK";
  customFields: Record<string, string>;
  idempotencyKey: string;
  conversationIds: number[];
}

export interface CreatedExternally {
  externalId: string;
  externalUrl: string | null;
}

/** A failed attempt: the status (0 when nothing answered) and the start of the answer, for the admin's view. */
export class TicketPushError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function authorization(system: TicketSystemCredentials): string {
  if (!system.username) return `Bearer ${system.token}`;
  const user = system.kind === "ZENDESK" ? `${system.username}/token` : system.username;
  return `Basic ${Buffer.from(`${user}:${system.token}`).toString("base64")}`;
}

async function call(url: string, init: { method: string; headers: Record<string, string>; body?: string }, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new TicketPushError(`request failed: ${(error as Error).message}`.slice(0, 1000), 0);
  }
  const text = await response.text();
  if (!response.ok) throw new TicketPushError(`HTTP ${response.status}: ${text}`.slice(0, 1000), response.status);
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    throw new TicketPushError(`HTTP ${response.status}: not JSON`, response.status);
  }
}

function descriptionWithFields(ticket: PushableTicket): string {
  const fields = Object.entries(ticket.customFields).map(([key, value]) => `${key}: ${value}`);
  const conversations = ticket.conversationIds.length > 0 ? [`conversations: ${ticket.conversationIds.join(", ")}`] : [];
  const extra = [...fields, ...conversations];
  return extra.length > 0 ? `${ticket.description}\n\n${extra.join("\n")}` : ticket.description;
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});
const idText = (value: unknown): string | null => (typeof value === "string" && value ? value : typeof value === "number" ? String(value) : null);

async function createZendesk(system: TicketSystemCredentials, ticket: PushableTicket, timeoutMs: number): Promise<CreatedExternally> {
  const body = JSON.stringify({
    ticket: {
      subject: ticket.subject,
      comment: { body: descriptionWithFields(ticket) },
      priority: ticket.priority.toLowerCase(),
      type: ticket.type.toLowerCase(),
      external_id: `kefu-${ticket.id}`,
      tags: ["kefu"],
    },
  });
  const answer = record(
    await call(
      `${system.baseUrl}/api/v2/tickets.json`,
      { method: "POST", headers: { "content-type": "application/json", authorization: authorization(system), "idempotency-key": ticket.idempotencyKey }, body },
      timeoutMs,
    ),
  );
  const created = record(answer.ticket);
  const externalId = idText(created.id);
  if (!externalId) throw new TicketPushError("the answer has no ticket.id", 200);
  return { externalId, externalUrl: `${system.baseUrl}/agent/tickets/${externalId}` };
}

const JIRA_PRIORITIES = { LOW: "Low", NORMAL: "Medium", HIGH: "High", URGENT: "Highest" } as const;
const JIRA_TYPES = { QUESTION: "Task", PROBLEM: "Bug", INCIDENT: "Bug", TASK: "Task" } as const;

async function createJira(system: TicketSystemCredentials, ticket: PushableTicket, timeoutMs: number): Promise<CreatedExternally> {
  const label = `kefu-${ticket.idempotencyKey}`;
  const headers = { "content-type": "application/json", accept: "application/json", authorization: authorization(system) };
  const search = new URLSearchParams({ jql: `labels = "${label}"`, fields: "key", maxResults: "1" });
  const found = record(await call(`${system.baseUrl}/rest/api/3/search/jql?${search.toString()}`, { method: "GET", headers }, timeoutMs));
  const existing = Array.isArray(found.issues) ? record(found.issues[0]) : {};
  let key = idText(existing.key);
  if (!key) {
    const body = JSON.stringify({
      fields: {
        project: { key: system.projectKey },
        summary: ticket.subject,
        issuetype: { name: JIRA_TYPES[ticket.type] },
        priority: { name: JIRA_PRIORITIES[ticket.priority] },
        labels: [label],
        description: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: descriptionWithFields(ticket) }] }] },
      },
    });
    key = idText(record(await call(`${system.baseUrl}/rest/api/3/issue`, { method: "POST", headers, body }, timeoutMs)).key);
  }
  if (!key) throw new TicketPushError("the answer has no issue key", 200);
  return { externalId: key, externalUrl: `${system.baseUrl}/browse/${key}` };
}

async function createRest(system: TicketSystemCredentials, ticket: PushableTicket, timeoutMs: number): Promise<CreatedExternally> {
  const body = JSON.stringify({
    id: ticket.id,
    subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    type: ticket.type,
    customFields: ticket.customFields,
    conversationIds: ticket.conversationIds,
  });
  const answer = record(
    await call(
      system.baseUrl,
      { method: "POST", headers: { "content-type": "application/json", authorization: authorization(system), "idempotency-key": ticket.idempotencyKey }, body },
      timeoutMs,
    ),
  );
  const externalId = idText(answer.id);
  if (!externalId) throw new TicketPushError("the answer has no id", 200);
  const url = typeof answer.url === "string" && /^https?:\/\//.test(answer.url) ? answer.url.slice(0, 500) : null;
  return { externalId, externalUrl: url };
}

export function createExternalTicket(system: TicketSystemCredentials, ticket: PushableTicket, timeoutMs = TICKET_PUSH_TIMEOUT_MS): Promise<CreatedExternally> {
  if (system.kind === "ZENDESK") return createZendesk(system, ticket, timeoutMs);
  if (system.kind === "JIRA") return createJira(system, ticket, timeoutMs);
  return createRest(system, ticket, timeoutMs);
}
