/**
 * The enterprise's CRM: the connection admins configure, the look-up the agent's customer panel shows and the
 * sync of customers and conversation summaries (docs/architecture.md, "CRM").
 */
import { z } from "zod";
import { RULE_TEXTS } from "./rules.ts";
import { idSchema } from "./user.ts";

export const CRM_ADAPTERS = ["GENERIC", "HUBSPOT"] as const;
export type CrmAdapterName = (typeof CRM_ADAPTERS)[number];

/** Customer fields a mapping row may write to the CRM on sync. */
export const CRM_CUSTOMER_FIELDS = ["name", "email", "phone", "externalId", "level", "city"] as const;
export type CrmCustomerField = (typeof CRM_CUSTOMER_FIELDS)[number];

export const CRM_URL_MAX = 500;
export const CRM_SECRET_MIN = 16;
export const CRM_SECRET_MAX = 200;
export const CRM_FIELD_NAME_MAX = 64;
export const CRM_LABEL_MAX = 32;
export const CRM_MAPPING_MAX = 20;
export const CRM_TIMEOUT_MIN_MS = 500;
export const CRM_TIMEOUT_MAX_MS = 10_000;
export const CRM_TIMEOUT_DEFAULT_MS = 3_000;

/** A fresh answer is served from the cache for this long; the CRM is not asked again meanwhile. */
export const CRM_CACHE_FRESH_SECONDS = 300;
/** An older answer is still shown (with its age) while the CRM is unavailable, up to this age. */
export const CRM_CACHE_STALE_MAX_SECONDS = 7 * 24 * 3600;
/** Consecutive failed look-ups that open the circuit breaker. */
export const CRM_BREAKER_THRESHOLD = 5;
/** How long the open breaker refuses look-ups before one trial request is let through (half-open). */
export const CRM_BREAKER_COOLDOWN_SECONDS = 60;
/** The panel shows at most this many of the CRM's recent orders. */
export const CRM_ORDERS_SHOWN = 5;
/** Attempts of a sync job before it is kept as DEAD on the jobs page. */
export const CRM_SYNC_MAX_ATTEMPTS = 6;

/** Request headers of every outgoing CRM request: HMAC-SHA256 (hex) over `<timestamp>.<body>` keyed by the secret. */
export const CRM_TIMESTAMP_HEADER = "x-kefu-timestamp";
export const CRM_SIGNATURE_HEADER = "x-kefu-signature";

const crmUrl = z
  .string()
  .trim()
  .min(1)
  .max(CRM_URL_MAX)
  .pipe(z.url({ protocol: /^https?$/ }));

export const crmFieldMappingRow = z.object({
  crmField: z
    .string()
    .trim()
    .min(1)
    .max(CRM_FIELD_NAME_MAX)
    .regex(/^[A-Za-z0-9_.-]+$/, { message: RULE_TEXTS.crmFieldName }),
  label: z.string().trim().min(1).max(CRM_LABEL_MAX),
  customerField: z.enum(CRM_CUSTOMER_FIELDS).nullable().default(null),
});
export type CrmFieldMappingRow = z.output<typeof crmFieldMappingRow>;

export const saveCrmConnectionInput = z
  .object({
    enabled: z.boolean(),
    adapter: z.enum(CRM_ADAPTERS),
    lookupUrl: crmUrl,
    syncUrl: z.union([z.literal(""), crmUrl]).default(""),
    /** empty: keep the stored secret (or generate one for a new connection) */
    secret: z.union([z.literal(""), z.string().min(CRM_SECRET_MIN).max(CRM_SECRET_MAX)]).default(""),
    timeoutMs: z.number().int().min(CRM_TIMEOUT_MIN_MS).max(CRM_TIMEOUT_MAX_MS),
    fieldMapping: z
      .array(crmFieldMappingRow)
      .max(CRM_MAPPING_MAX)
      .refine((rows) => new Set(rows.map((row) => row.crmField)).size === rows.length, { message: "duplicate" }),
    idProperty: z
      .string()
      .trim()
      .min(1)
      .max(CRM_FIELD_NAME_MAX)
      .regex(/^[A-Za-z0-9_.-]+$/, { message: RULE_TEXTS.crmFieldName })
      .default("kefu_customer_id"),
  })
  .refine((input) => input.adapter !== "HUBSPOT" || input.syncUrl !== "", { path: ["syncUrl"], message: "required for HubSpot", params: { rule: "required" } });
export type SaveCrmConnectionInput = z.input<typeof saveCrmConnectionInput>;

export const crmLookupInput = z.object({ conversationId: idSchema, refresh: z.boolean().default(false) });
export const crmSyncCustomerInput = z.object({ customerId: idSchema });

/** What the CRM answers a look-up with (the generic contract; unknown keys are ignored). */
export const crmOrderSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().max(200).optional(),
  amount: z.union([z.number(), z.string()]).optional(),
  currency: z.string().max(8).optional(),
  status: z.string().max(64).optional(),
  createdAt: z.string().max(64).optional(),
});
export type CrmOrder = z.output<typeof crmOrderSchema>;
export const crmLookupAnswer = z.object({
  profile: z.record(z.string().max(CRM_FIELD_NAME_MAX), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).default({}),
  orders: z.array(crmOrderSchema).max(100).default([]),
});

/** The panel's states: the CRM's answer (fresh or stale with its age), or why there is none. */
export type CrmLookupState = "NOT_CONFIGURED" | "FOUND" | "NOT_FOUND" | "UNAVAILABLE";
