/**
 * The import file's upload (`POST /api/customer-imports`, a multipart form with `file`) and the download of an
 * import's rejected rows (`GET /api/customer-imports/{id}/errors`, CSV). Both for signed-in staff with
 * `customer.manage`; the web app passes the signed-in user.
 */
import type { Db } from "@kefu/db/client";
import { stringify } from "csv-stringify/sync";
import { IMPORT_FILE_MAX_BYTES, type ImportRejectReason } from "../contracts/customer-data.ts";
import { AppError } from "../errors.ts";
import { can } from "../permissions.ts";
import type { AttachmentStore } from "../services/attachment/index.ts";
import type { Actor } from "../services/conversation/index.ts";
import { createCustomerImport, rejectedRowsOf } from "../services/customer/index.ts";
import { errorResponse, isSameOrigin, json, run, toErrorResponse } from "./http.ts";

export interface CustomerImportApiOptions {
  publicUrl?: string;
  store?: AttachmentStore;
}

const FORM_OVERHEAD_BYTES = 64 * 1024;
const MAX_MB = IMPORT_FILE_MAX_BYTES / 1024 / 1024;
const tooLarge = () => new AppError("INVALID_INPUT", { field: "file", message: `file: at most ${MAX_MB} MB`, params: { rule: "tooLarge", max: MAX_MB } });

/** The rule a refused upload broke, so the page can say it in words. */
function withRule(response: Response, error: unknown): Response {
  if (!(error instanceof AppError) || !error.params?.rule) return response;
  return json(
    { error: { code: error.code, field: error.field ?? null, message: error.message, rule: error.params.rule, params: error.params } },
    response.status,
  );
}

async function readUpload(request: Request): Promise<{ name: string; bytes: Uint8Array }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const max = IMPORT_FILE_MAX_BYTES + FORM_OVERHEAD_BYTES;
  if (declared > max) throw tooLarge();
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    throw new AppError("INVALID_INPUT", { field: "file", message: "file: expected multipart/form-data with a file", params: { rule: "required" } });
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
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("INVALID_INPUT", { field: "file", message: "file: malformed multipart form", params: { rule: "required" } });
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("INVALID_INPUT", { field: "file", message: "file: required", params: { rule: "required" } });
  if (file.size > IMPORT_FILE_MAX_BYTES) throw tooLarge();
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** POST /api/customer-imports — opens an import for the uploaded CSV or XLSX. */
export async function handleCustomerImportUpload(db: Db, request: Request, actor: Actor | null, options: CustomerImportApiOptions = {}): Promise<Response> {
  try {
    if (!(isSameOrigin(request.headers, options.publicUrl) || isSameOrigin(request.headers, request.url)))
      return errorResponse("FORBIDDEN", { field: "origin", message: "origin: cross-site request refused" });
    if (!actor) return errorResponse("UNAUTHORIZED", { message: "sign in first" });
    if (!can(actor.role, "customer.manage")) return errorResponse("FORBIDDEN", { message: "Missing permission customer.manage" });
    const file = await readUpload(request);
    return json(await createCustomerImport(db, actor, file, options.store), 201);
  } catch (error) {
    return withRule(toErrorResponse(error), error);
  }
}

/** A rejected row's reason in words, in the reader's language. */
export type DescribeRejection = (row: { rowNumber: number; reason: ImportRejectReason; column: string | null }) => string;

/** GET /api/customer-imports/{id}/errors — the rejected rows as they were in the file, plus an `error` column. */
export function handleCustomerImportErrors(
  db: Db,
  actor: Actor | null,
  id: string,
  describe: DescribeRejection,
  options: CustomerImportApiOptions = {},
): Promise<Response> {
  return run(async () => {
    if (!actor || !can(actor.role, "customer.manage")) return errorResponse("NOT_FOUND", { field: "id" });
    const importId = /^[1-9]\d{0,11}$/.test(id) ? Number(id) : 0;
    if (!importId) return errorResponse("NOT_FOUND", { field: "id" });
    const rejected = await rejectedRowsOf(db, importId, options.store);
    const csv = stringify([[...rejected.headers, "error"], ...rejected.rows.map((row) => [...row.cells, describe(row)])]);
    const baseName = rejected.fileName.replace(/\.[A-Za-z0-9]+$/, "");
    const fileName = `${baseName}-errors.csv`;
    const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
    // the BOM makes Excel read the file as UTF-8
    return new Response(`\uFEFF${csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
