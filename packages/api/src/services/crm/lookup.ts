/**
 * The CRM look-up (网易七鱼-style): the customer's profile and recent orders from the enterprise's CRM, asked when a
 * conversation starts (warming the cache) and when an agent opens it. A fresh answer (CRM_CACHE_FRESH_SECONDS) is
 * served from `CrmLookupCache` without asking; a slow or failing CRM costs at most the timeout, the breaker makes
 * it cost nothing, and meanwhile the last answer is shown with its age. Nothing here ever throws at the chat.
 */
import type { Db, Prisma } from "@kefu/db/client";
import {
  CRM_CACHE_FRESH_SECONDS,
  CRM_CACHE_STALE_MAX_SECONDS,
  CRM_ORDERS_SHOWN,
  crmLookupAnswer,
  type CrmFieldMappingRow,
  type CrmOrder,
} from "../../contracts/crm.ts";
import type { z } from "zod";
import type { crmLookupInput } from "../../contracts/crm.ts";
import { AppError } from "../../errors.ts";
import { assertCanViewCustomer } from "../customer/index.ts";
import type { Actor } from "../conversation/index.ts";
import { privateWebhookUrlsAllowed } from "../webhook/index.ts";
import { breakerDecision, recordLookupFailure, recordLookupSuccess } from "./breaker.ts";
import { loadCrmConnection, type LoadedConnection } from "./connection.ts";
import { crmCustomerOf } from "./customer-identity.ts";
import { postToCrm } from "./http.ts";

export interface LookupOptions {
  /** the clock (tests move it instead of sleeping) */
  now?: Date;
  /** ask the CRM even when the cached answer is fresh */
  refresh?: boolean;
  allowPrivate?: boolean;
}

export interface CrmProfileField {
  crmField: string;
  label: string;
  value: string;
}

export type CrmLookupResult =
  | { state: "NOT_CONFIGURED" }
  | { state: "UNAVAILABLE"; reason: "circuit_open" | "error" }
  | {
      state: "FOUND" | "NOT_FOUND";
      profile: CrmProfileField[];
      orders: CrmOrder[];
      fetchedAt: Date;
      ageSeconds: number;
      /** the CRM could not be asked now: this is an older answer */
      stale: boolean;
    };

type Answer = z.output<typeof crmLookupAnswer>;

function display(value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "✓" : "✗";
  return String(value);
}

/** The profile as the panel shows it: the mapped fields in the admins' order (every field, by name, without a mapping). */
export function profileFields(answer: Answer, mapping: CrmFieldMappingRow[]): CrmProfileField[] {
  const rows = mapping.length ? mapping : Object.keys(answer.profile).map((crmField) => ({ crmField, label: crmField }));
  return rows.flatMap((row) => {
    const value = display(answer.profile[row.crmField]);
    return value === null ? [] : [{ crmField: row.crmField, label: row.label, value }];
  });
}

function fromCache(
  cache: { status: string; payload: Prisma.JsonValue; fetchedAt: Date },
  connection: LoadedConnection,
  now: Date,
  stale: boolean,
): CrmLookupResult {
  const parsed = crmLookupAnswer.safeParse(cache.payload);
  const answer = parsed.success ? parsed.data : { profile: {}, orders: [] };
  return {
    state: cache.status === "FOUND" ? "FOUND" : "NOT_FOUND",
    profile: profileFields(answer, connection.fieldMapping),
    orders: answer.orders.slice(0, CRM_ORDERS_SHOWN),
    fetchedAt: cache.fetchedAt,
    ageSeconds: Math.max(0, Math.round((now.getTime() - cache.fetchedAt.getTime()) / 1000)),
    stale,
  };
}

/** Asks the CRM (or the cache) about one customer; every failure ends as a state, never an exception. */
export async function lookupCustomer(db: Db, customerId: number, options: LookupOptions = {}): Promise<CrmLookupResult> {
  const now = options.now ?? new Date();
  const connection = await loadCrmConnection(db);
  if (!connection) return { state: "NOT_CONFIGURED" };
  const cache = await db.crmLookupCache.findUnique({ where: { customerId } });
  const age = cache ? now.getTime() - cache.fetchedAt.getTime() : Infinity;
  if (cache && !options.refresh && age < CRM_CACHE_FRESH_SECONDS * 1000) return fromCache(cache, connection, now, false);
  const staleOrUnavailable = (reason: "circuit_open" | "error"): CrmLookupResult =>
    cache && age < CRM_CACHE_STALE_MAX_SECONDS * 1000 ? fromCache(cache, connection, now, true) : { state: "UNAVAILABLE", reason };

  if ((await breakerDecision(db, now)) === "open") return staleOrUnavailable("circuit_open");
  const customer = await crmCustomerOf(db, customerId);
  const response = await postToCrm({
    url: connection.lookupUrl,
    secret: connection.secret,
    body: { customer: { id: customer.id, externalId: customer.externalId, phone: customer.phone, email: customer.email, name: customer.name } },
    timeoutMs: connection.timeoutMs,
    allowPrivate: options.allowPrivate ?? privateWebhookUrlsAllowed(),
    now,
  });
  let answer: Answer | null = null;
  let status: "FOUND" | "NOT_FOUND" | null = null;
  let error = response.error;
  if (response.status === 404) {
    status = "NOT_FOUND";
    answer = { profile: {}, orders: [] };
  } else if (response.status !== null && response.status >= 200 && response.status < 300) {
    try {
      const parsed = crmLookupAnswer.safeParse(JSON.parse(response.body));
      if (parsed.success) {
        answer = parsed.data;
        status = "FOUND";
      } else error = `unexpected answer: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}`;
    } catch {
      error = "the answer is not JSON";
    }
  } else if (response.status !== null) error = `HTTP ${response.status}`;

  if (!answer || !status) {
    await recordLookupFailure(db, error ?? "no answer", now);
    return staleOrUnavailable("error");
  }
  await recordLookupSuccess(db);
  const row = { status, payload: answer as unknown as Prisma.InputJsonValue, fetchedAt: now };
  await db.crmLookupCache.upsert({ where: { customerId }, create: { customerId, ...row }, update: row });
  return fromCache(row as { status: string; payload: Prisma.JsonValue; fetchedAt: Date }, connection, now, false);
}

/** The agent's panel: the look-up for the customer of a conversation the agent may see. */
export async function lookupForConversation(db: Db, actor: Actor, input: z.output<typeof crmLookupInput>, options: LookupOptions = {}) {
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { customerId: true } });
  if (!conversation) throw new AppError("NOT_FOUND", { field: "conversationId" });
  await assertCanViewCustomer(db, actor, conversation.customerId);
  const result = await lookupCustomer(db, conversation.customerId, { ...options, refresh: input.refresh });
  return { customerId: conversation.customerId, ...result };
}
