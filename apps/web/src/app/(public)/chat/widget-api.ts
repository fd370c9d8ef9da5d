import type { KbFeedbackReason } from "@kefu/api/contracts/knowledge";
import type { AttachmentInfo, AttachmentVariant } from "~/components/messaging/attachment-view";

/** The widget's REST endpoints (`/api/v1/widget/…`), authorised by the visitor token, and the browser storage it uses. */

export const TOKEN_KEY = "kefu.widget.token";
export const PRECHAT_KEY = "kefu.widget.prechat";
/** Where the widget's realtime channels are authorised (with the visitor token instead of a console session). */
export const REALTIME_AUTH_ENDPOINT = "/api/v1/widget/realtime-auth";

/** An intent of the routing menu (a routing rule the admins show in the menu). */
export interface WidgetIntent {
  id: number;
  name: string;
}

export interface WidgetConversation {
  id: number;
  status: string;
  position: number | null;
  expectedWaitSeconds: number | null;
  csat: { available: boolean; score: number | null };
  /** read receipt: the agent read the visitor's messages up to this id */
  agentReadMessageId: number;
}

export interface WidgetMessage {
  id: number;
  senderType: "CUSTOMER" | "AGENT" | "BOT" | "SYSTEM";
  kind: string;
  body: string;
  createdAt: string;
  senderName: string | null;
  clientId: string | null;
  attachment: AttachmentInfo | null;
  /** a bot answer from the knowledge base, which the visitor may rate */
  ratable: boolean;
  /** the visitor's rating of it so far */
  rating: AnswerRating | null;
}

export interface AnswerRating {
  helpful: boolean;
  reason: KbFeedbackReason | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field?: string,
  ) {
    super(code);
  }
}

export function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // private mode: the conversation lasts as long as the tab
  }
}

export function visitorHeaders(token: string | null): Record<string, string> {
  return token ? { Authorization: `Visitor ${token}` } : {};
}

export async function call<T>(
  path: string,
  token: string | null,
  init: { method?: string; json?: unknown; form?: URLSearchParams; /** give up (a TimeoutError) after this long */ timeoutMs?: number } = {},
): Promise<T> {
  const headers = visitorHeaders(token);
  let body: string | undefined;
  if (init.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = init.form.toString();
  }
  const signal = init.timeoutMs ? AbortSignal.timeout(init.timeoutMs) : undefined;
  const response = await fetch(path, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body, cache: "no-store", signal });
  const data = (await response.json().catch(() => ({}))) as T & { error?: { code: string; field?: string } };
  if (!response.ok) throw new ApiError(response.status, data.error?.code ?? "UNKNOWN", data.error?.field);
  return data;
}

/** Sends a file as the visitor's message (multipart); the same answer as a text message. */
export async function uploadAttachment(token: string, file: File, clientId: string, teamId: number | null): Promise<{ conversationId: number }> {
  const form = new FormData();
  form.set("clientId", clientId);
  if (teamId) form.set("teamId", String(teamId));
  form.set("file", file);
  const response = await fetch("/api/v1/widget/attachments", { method: "POST", headers: visitorHeaders(token), body: form, cache: "no-store" });
  const data = (await response.json().catch(() => ({}))) as { conversationId: number; error?: { code: string; field?: string } };
  if (!response.ok) throw new ApiError(response.status, data.error?.code ?? "UNKNOWN", data.error?.field);
  return data;
}

/** A file of the visitor's conversation (the token goes in a header, so images are shown from blob URLs). */
export async function fetchAttachment(token: string | null, id: number, variant: AttachmentVariant): Promise<Blob> {
  const response = await fetch(`/api/v1/widget/attachments/${id}${variant === "thumbnail" ? "?variant=thumbnail" : ""}`, { headers: visitorHeaders(token) });
  if (!response.ok) throw new ApiError(response.status, "NOT_FOUND");
  return response.blob();
}
