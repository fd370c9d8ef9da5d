/**
 * 工单 (tickets): statuses, priorities, types, custom fields, the inputs of `ticket.*`, the external ticket systems
 * of `integration.*TicketSystem*` and the inbound status callback (docs/architecture.md, "Tickets").
 */
import { z } from "zod";
import { idSchema } from "./user.ts";

export const TICKET_STATUSES = ["OPEN", "PENDING", "SOLVED"] as const;
export const TICKET_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export const TICKET_TYPES = ["QUESTION", "PROBLEM", "INCIDENT", "TASK"] as const;
export const TICKET_SYSTEM_KINDS = ["REST", "ZENDESK", "JIRA"] as const;
export type TicketStatusName = (typeof TICKET_STATUSES)[number];

export const TICKET_SUBJECT_MAX = 200;
export const TICKET_DESCRIPTION_MAX = 5_000;
export const TICKET_CUSTOM_FIELDS_MAX = 20;
export const TICKET_CUSTOM_KEY_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;
export const TICKET_CUSTOM_VALUE_MAX = 500;
export const TICKET_PAGE_MAX = 100;
/** the conversation's latest customer messages the new-ticket form starts its description with */
export const TICKET_PREFILL_MESSAGES = 5;
/** how far the signed status callback's timestamp may be from the server's clock */
export const TICKET_CALLBACK_TOLERANCE_SECONDS = 300;
/** each creation attempt against the external system gives up after this */
export const TICKET_PUSH_TIMEOUT_MS = 15_000;
export const TICKET_PUSH_MAX_ATTEMPTS = 8;

/** Custom fields: lower-case keys (letters, digits, `_`), text values; at most TICKET_CUSTOM_FIELDS_MAX. */
export const ticketCustomFields = z
  .record(z.string().regex(TICKET_CUSTOM_KEY_PATTERN), z.string().trim().max(TICKET_CUSTOM_VALUE_MAX))
  .refine((fields) => Object.keys(fields).length <= TICKET_CUSTOM_FIELDS_MAX, { message: `at most ${TICKET_CUSTOM_FIELDS_MAX}` });

const dueAt = z.iso.datetime({ offset: true }).nullable();

export const createTicketInput = z.object({
  subject: z.string().trim().min(1).max(TICKET_SUBJECT_MAX),
  description: z.string().trim().min(1).max(TICKET_DESCRIPTION_MAX),
  priority: z.enum(TICKET_PRIORITIES).default("NORMAL"),
  type: z.enum(TICKET_TYPES).default("QUESTION"),
  assigneeId: idSchema.nullable().default(null),
  teamId: idSchema.nullable().default(null),
  dueAt: dueAt.default(null),
  customFields: ticketCustomFields.default({}),
  /** the conversations it comes from (usually one) */
  conversationIds: z.array(idSchema).max(20).default([]),
});
export type CreateTicketInput = z.input<typeof createTicketInput>;

/** Only the fields given change; each change is a line of the ticket's history. */
export const updateTicketInput = z.object({
  id: idSchema,
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  assigneeId: idSchema.nullable().optional(),
  teamId: idSchema.nullable().optional(),
  dueAt: dueAt.optional(),
});
export type UpdateTicketInput = z.input<typeof updateTicketInput>;

export const TICKET_SORTS = ["updated", "created", "due", "priority"] as const;
export const listTicketsInput = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  /** a staff id, or "me" / "none" */
  assignee: z.union([idSchema, z.enum(["me", "none"])]).optional(),
  sort: z.enum(TICKET_SORTS).default("updated"),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(TICKET_PAGE_MAX).default(20),
});
export type ListTicketsInput = z.input<typeof listTicketsInput>;

export const ticketIdInput = z.object({ id: idSchema });
export const conversationTicketsInput = z.object({ conversationId: idSchema });
export const linkTicketInput = z.object({ id: idSchema, conversationId: idSchema });

const systemUrl = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .pipe(z.url({ protocol: /^https?$/ }));

export const createTicketSystemInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    kind: z.enum(TICKET_SYSTEM_KINDS),
    baseUrl: systemUrl,
    username: z.string().trim().max(191).default(""),
    token: z.string().trim().min(1).max(500),
    projectKey: z.string().trim().max(32).default(""),
  })
  .superRefine((input, ctx) => {
    if (input.kind === "JIRA" && !/^[A-Z][A-Z0-9_]{0,31}$/.test(input.projectKey))
      ctx.addIssue({ code: "custom", path: ["projectKey"], message: "a Jira project key (upper-case letters, digits, _)" });
  });
export type CreateTicketSystemInput = z.input<typeof createTicketSystemInput>;
export const ticketSystemIdInput = z.object({ id: idSchema });
export const setTicketSystemActiveInput = z.object({ id: idSchema, active: z.boolean() });

/** External statuses the callback understands, and what they become here (Zendesk's and Jira's usual names). */
export const EXTERNAL_TICKET_STATUSES = {
  new: "OPEN",
  open: "OPEN",
  "to do": "OPEN",
  pending: "PENDING",
  hold: "PENDING",
  "in progress": "PENDING",
  solved: "SOLVED",
  closed: "SOLVED",
  done: "SOLVED",
} as const satisfies Record<string, TicketStatusName>;

/**
 * `POST /api/v1/tickets/status`: headers `x-kefu-ticket-system` (the system's id), `x-kefu-timestamp` (Unix
 * seconds) and `x-kefu-signature` (`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` keyed by the
 * system's callback secret); the body names the ticket by its external id.
 */
export const ticketStatusCallbackBody = z.object({
  externalId: z.string().trim().min(1).max(191),
  status: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .transform((value) => value.toLowerCase())
    .refine((value): value is keyof typeof EXTERNAL_TICKET_STATUSES => value in EXTERNAL_TICKET_STATUSES, { message: "unknown status" }),
});
