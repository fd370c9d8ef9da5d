/**
 * Attachment uploads and downloads (docs/decisions.md, "Attachments"). The widget's visitor sends and fetches files
 * with the visitor token (`/api/v1/widget/attachments`); staff with their console session (`/api/attachments`, the
 * web app passes the signed-in user). Uploads are multipart forms: `file`, `clientId` (and `conversationId` for staff,
 * `teamId` optionally for the widget's first message). A file nobody may see answers 404, as one that does not exist.
 */
import type { Db } from "@kefu/db/client";
import { ATTACHMENT_FILE_MAX_BYTES, attachmentVariantSchema } from "../contracts/attachment.ts";
import { AppError, parseInput } from "../errors.ts";
import {
  attachmentStore,
  readAttachment,
  sendAgentAttachment,
  sendCustomerAttachment,
  type AttachmentFile,
  type AttachmentReader,
  type AttachmentStore,
  type UploadedFile,
} from "../services/attachment/index.ts";
import type { Actor } from "../services/conversation/index.ts";
import { customerIdOnChannel } from "../services/inbox/index.ts";
import { verifyVisitorToken } from "../services/widget/visitor-token.ts";
import { errorResponse, isSameOrigin, json, rateLimit, requestIp, run } from "./http.ts";
import { visitorTokenFromHeaders, WIDGET_MESSAGES_PER_MINUTE, type WidgetOptions } from "./widget-api.ts";

export interface AttachmentApiOptions extends WidgetOptions {
  /** the store (tests pass their own); the configured one otherwise */
  store?: AttachmentStore;
}

/** room for the multipart envelope and the other fields around the largest file */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const FIELDS = { token: "authorization", fileName: "file" };
const tooLarge = () => new AppError("INVALID_INPUT", { field: "file", message: `file: files may be at most ${ATTACHMENT_FILE_MAX_BYTES / 1024 / 1024} MB` });

/** The multipart body, read at most up to the largest allowed file (a bigger one is refused without reading it all). */
async function readForm(request: Request): Promise<FormData> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const max = ATTACHMENT_FILE_MAX_BYTES + FORM_OVERHEAD_BYTES;
  if (declared > max) throw tooLarge();
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    throw new AppError("INVALID_INPUT", { field: "body", message: "body: expected multipart/form-data with a file" });
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = request.body?.getReader();
  for (let chunk = await reader?.read(); reader && chunk && !chunk.done; chunk = await reader.read()) {
    total += chunk.value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("INVALID_INPUT", { field: "body", message: "body: malformed multipart form" });
  }
}

async function fileField(form: FormData): Promise<UploadedFile> {
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("INVALID_INPUT", { field: "file", message: "file: required" });
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function idField(form: FormData, name: string, required: boolean): number | undefined {
  const raw = textField(form, name);
  if (raw === "" && !required) return undefined;
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw new AppError("INVALID_INPUT", { field: name, message: `${name}: expected a positive integer` });
  return Number(raw);
}

function variantOf(request: Request) {
  const raw = new URL(request.url).searchParams.get("variant") ?? "original";
  return parseInput(attachmentVariantSchema, raw);
}

/** RFC 6266 filename with a plain-ASCII fallback for old clients. */
function contentDisposition(file: AttachmentFile): string {
  const fallback = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${file.image ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
}

function fileResponse(file: AttachmentFile): Response {
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": contentDisposition(file),
      // access can change (a transfer), so browsers keep a copy briefly and only for this person
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

function parseRouteId(id: string): number {
  return /^[1-9]\d{0,11}$/.test(id) ? Number(id) : 0;
}

function refuseCrossSite(request: Request, options: WidgetOptions): void {
  if (!(isSameOrigin(request.headers, options.publicUrl) || isSameOrigin(request.headers, request.url)))
    throw new AppError("FORBIDDEN", { field: "origin", message: "origin: cross-site request refused" });
}

function visitorIdOf(request: Request): string {
  const token = visitorTokenFromHeaders(request.headers);
  if (!token) throw new AppError("INVALID_VISITOR_TOKEN", { field: "authorization", message: "authorization: visitor token required" });
  return verifyVisitorToken(token);
}

/** POST /api/v1/widget/attachments — the visitor sends a file (a message of kind ATTACHMENT). */
export function handleWidgetPostAttachment(db: Db, request: Request, options: AttachmentApiOptions = {}): Promise<Response> {
  return run(async () => {
    refuseCrossSite(request, options);
    const limited = await rateLimit(`widget:messages:${requestIp(request.headers)}`, WIDGET_MESSAGES_PER_MINUTE, 60);
    if (limited) return limited;
    const visitorId = visitorIdOf(request);
    const form = await readForm(request);
    const received = await sendCustomerAttachment(db, options.store ?? attachmentStore(), {
      channel: "WEB",
      externalUserId: visitorId,
      clientId: textField(form, "clientId"),
      teamId: idField(form, "teamId", false),
      file: await fileField(form),
    });
    return json({ conversationId: received.conversationId, messageId: received.messageId, duplicate: received.duplicate }, received.duplicate ? 200 : 201);
  }, FIELDS);
}

/** GET /api/v1/widget/attachments/{id}[?variant=thumbnail] — a file of the visitor's own conversations. */
export function handleWidgetGetAttachment(db: Db, request: Request, id: string, options: AttachmentApiOptions = {}): Promise<Response> {
  return run(async () => {
    const visitorId = visitorIdOf(request);
    const variant = variantOf(request);
    const customerId = await customerIdOnChannel(db, "WEB", visitorId);
    if (customerId === null) return errorResponse("NOT_FOUND", { field: "id" });
    return fileResponse(await readAttachment(db, options.store ?? attachmentStore(), { customerId }, parseRouteId(id), variant));
  }, FIELDS);
}

/** POST /api/attachments — an agent sends a file in a conversation they may reply to. `actor`: the signed-in user. */
export function handleStaffPostAttachment(db: Db, request: Request, actor: Actor | null, options: AttachmentApiOptions = {}): Promise<Response> {
  return run(async () => {
    refuseCrossSite(request, options);
    if (!actor) return errorResponse("UNAUTHORIZED", { message: "sign in first" });
    const form = await readForm(request);
    const sent = await sendAgentAttachment(db, options.store ?? attachmentStore(), actor, {
      conversationId: idField(form, "conversationId", true)!,
      clientId: textField(form, "clientId"),
      file: await fileField(form),
    });
    return json(sent, sent.duplicate ? 200 : 201);
  }, FIELDS);
}

/** GET /api/attachments/{id}[?variant=thumbnail] — for staff who may see the conversation; 404 for everyone else. */
export function handleStaffGetAttachment(db: Db, request: Request, actor: Actor | null, id: string, options: AttachmentApiOptions = {}): Promise<Response> {
  return run(async () => {
    const variant = variantOf(request);
    if (!actor) return errorResponse("NOT_FOUND", { field: "id" });
    const reader: AttachmentReader = { actor };
    return fileResponse(await readAttachment(db, options.store ?? attachmentStore(), reader, parseRouteId(id), variant));
  }, FIELDS);
}
