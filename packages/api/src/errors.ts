/**
 * Domain errors. Services throw `AppError(code, …)`; one table maps codes to tRPC / HTTP codes.
 * `code` is also the key of the user-facing text in the web app's catalogue (errors.<code>),
 * so internal text never reaches the user.
 */
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { ruleOfIssue } from "./contracts/rules.ts";

export const APP_ERROR_STATUS = {
  BAD_REQUEST: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
} as const;

type Status = keyof typeof APP_ERROR_STATUS;

export const APP_ERRORS = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  INVALID_INPUT: "BAD_REQUEST",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  ACCOUNT_LOCKED: "FORBIDDEN",
  ACCOUNT_DISABLED: "FORBIDDEN",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  EMPLOYEE_NO_TAKEN: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  PHONE_TAKEN: "CONFLICT",
  TEAM_NAME_TAKEN: "CONFLICT",
  TEAM_NOT_EMPTY: "PRECONDITION_FAILED",
  WEAK_PASSWORD: "BAD_REQUEST",
  COMMON_PASSWORD: "BAD_REQUEST",
  WRONG_CURRENT_PASSWORD: "BAD_REQUEST",
  CANNOT_CHANGE_SELF: "PRECONDITION_FAILED",
  LAST_ADMIN: "PRECONDITION_FAILED",
  ALREADY_DONE: "CONFLICT",
  CONFLICT: "CONFLICT",
  JOB_NOT_DEAD: "PRECONDITION_FAILED",
  /** a webhook URL that resolves to a loopback or private address, refused in production (WEBHOOK_ALLOW_PRIVATE_URLS) */
  WEBHOOK_URL_PRIVATE: "BAD_REQUEST",
  /** a webhook URL whose host does not resolve */
  WEBHOOK_URL_UNRESOLVABLE: "BAD_REQUEST",
  /** the webhook endpoint is disabled: enable it first */
  WEBHOOK_DISABLED: "PRECONDITION_FAILED",
  /** no CRM connection is configured, or it is switched off */
  CRM_NOT_CONFIGURED: "PRECONDITION_FAILED",
  /** the CRM connection has no sync URL */
  CRM_SYNC_NOT_CONFIGURED: "PRECONDITION_FAILED",
  /** a 快捷回复 with this shortcut is already in the same set; params { shortcut } */
  SHORTCUT_TAKEN: "CONFLICT",
  /** a conversation status change the state machine does not allow; params { from, to } */
  ILLEGAL_TRANSITION: "BAD_REQUEST",
  /** replying needs an ACTIVE conversation; params { status } */
  CONVERSATION_NOT_ACTIVE: "BAD_REQUEST",
  /** the target agent is not ONLINE or is disabled; params { presence } */
  AGENT_UNAVAILABLE: "PRECONDITION_FAILED",
  /** the target agent already holds maxConcurrent open conversations; params { open, max } */
  AGENT_AT_CAPACITY: "PRECONDITION_FAILED",
  /** no satisfaction survey was sent for this conversation (not resolved by a person) */
  CSAT_NOT_AVAILABLE: "PRECONDITION_FAILED",
  /** customer profile: the external id belongs to another customer */
  EXTERNAL_ID_TAKEN: "CONFLICT",
  /** the customer's personal data was erased; the profile cannot be edited */
  CUSTOMER_ERASED: "PRECONDITION_FAILED",
  /** erasure needs the confirmation typed exactly; params { expected } */
  ERASE_CONFIRMATION_MISMATCH: "BAD_REQUEST",
  /** a custom field's key is used by another field; params { key } */
  CUSTOM_FIELD_KEY_TAKEN: "CONFLICT",
  /** a custom field value: required and empty; params { label } */
  FIELD_VALUE_REQUIRED: "BAD_REQUEST",
  /** a text value does not match the field's pattern; params { label, pattern } */
  FIELD_VALUE_PATTERN: "BAD_REQUEST",
  /** not a number, a date (YYYY-MM-DD), a link (http/https), yes/no, or too long for the field's type; params { label, type } */
  FIELD_VALUE_FORMAT: "BAD_REQUEST",
  /** a choice that is not among the field's options; params { label, option } */
  FIELD_VALUE_UNKNOWN_OPTION: "BAD_REQUEST",
  /** a tag with this name exists already; params { name } */
  TAG_NAME_TAKEN: "CONFLICT",
  /** full phone and ID numbers in an export need `customer.reveal` */
  REVEAL_NOT_ALLOWED: "FORBIDDEN",
  /** the export file is not ready, has expired, or was not made by the caller */
  EXPORT_NOT_READY: "PRECONDITION_FAILED",
  /** a customer cannot be merged into itself */
  MERGE_SAME_CUSTOMER: "BAD_REQUEST",
  /** a merge can be undone for MERGE_UNDO_DAYS only; params { days } */
  MERGE_UNDO_EXPIRED: "PRECONDITION_FAILED",
  /** one of the two customers was merged again since; undo that merge first */
  MERGE_UNDO_STALE: "CONFLICT",
  /** a conversation has its (non-calibration) quality review already; params { reviewer } */
  QA_ALREADY_REVIEWED: "CONFLICT",
  /** only an ended conversation handled by an agent can be reviewed */
  QA_NOT_REVIEWABLE: "PRECONDITION_FAILED",
  /** no active scorecard to review with */
  QA_NO_SCORECARD: "PRECONDITION_FAILED",
  /** submitting needs every criterion scored (or N/A where allowed); params { criterion } */
  QA_SCORE_REQUIRED: "BAD_REQUEST",
  /** a score outside the criterion's scale; params { criterion, min, max } */
  QA_SCORE_OUT_OF_RANGE: "BAD_REQUEST",
  /** N/A given to a criterion that does not allow it; params { criterion } */
  QA_NA_NOT_ALLOWED: "BAD_REQUEST",
  /** the review is not in a state that allows this (a submitted review is no longer edited, …); params { status } */
  QA_REVIEW_STATE: "PRECONDITION_FAILED",
  INVALID_API_KEY: "UNAUTHORIZED",
  INVALID_VISITOR_TOKEN: "UNAUTHORIZED",
} as const satisfies Record<string, Status>;

export type AppErrorCode = keyof typeof APP_ERRORS;

export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  /** the input field the error is about, when there is one */
  readonly field?: string;
  readonly params?: Record<string, string | number>;

  constructor(code: AppErrorCode, options: { message?: string; field?: string; params?: Record<string, string | number> } = {}) {
    super(options.message ?? code);
    this.code = code;
    this.field = options.field;
    this.params = options.params;
  }

  get status(): Status {
    return APP_ERRORS[this.code];
  }
}

interface PrismaLikeError {
  code: string;
  meta?: {
    target?: unknown;
    modelName?: string;
    field_name?: unknown;
    driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } };
  };
}

function isPrismaKnownError(error: unknown): error is PrismaLikeError {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" && /^P\d{4}$/.test((error as { code: string }).code);
}

/** Turns anything a service throws into a TRPCError whose code is never INTERNAL for a known case. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof AppError) return new TRPCError({ code: error.status, message: error.message, cause: error });
  if (isPrismaKnownError(error)) {
    if (error.code === "P2025" || error.code === "P2015" || error.code === "P2018")
      return new TRPCError({ code: "NOT_FOUND", message: "Record not found", cause: new AppError("NOT_FOUND") });
    if (error.code === "P2002") return new TRPCError({ code: "CONFLICT", message: "Unique constraint failed", cause: new AppError("CONFLICT") });
    if (error.code === "P2003") return new TRPCError({ code: "BAD_REQUEST", message: "Referenced record does not exist", cause: new AppError("NOT_FOUND") });
    if (error.code === "P2000") return new TRPCError({ code: "BAD_REQUEST", message: "Value too long for its column", cause: new AppError("INVALID_INPUT") });
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: error instanceof Error ? error : undefined });
}

/**
 * Parses a service's input with its shared schema (from `contracts/`), for services that are also called with
 * input no router has parsed. A failure is INVALID_INPUT naming the first failing field (its dotted path) with
 * the rule it broke in `params.rule` (zod's issue code), the bound, when there is one, in `params.min` / `params.max`,
 * what was checked in `params.origin` (string, number, array) and a named rule (`contracts/rules.ts`) in `params.named`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || "input";
  const params: Record<string, string | number> = { rule: issue?.code ?? "custom" };
  if (issue && "minimum" in issue && issue.minimum !== undefined) params.min = Number(issue.minimum);
  if (issue && "maximum" in issue && issue.maximum !== undefined) params.max = Number(issue.maximum);
  if (issue && "origin" in issue && typeof issue.origin === "string") params.origin = issue.origin;
  const named = issue ? ruleOfIssue(issue) : undefined;
  if (named) params.named = named;
  throw new AppError("INVALID_INPUT", { field, params });
}
